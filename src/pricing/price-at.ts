import { Decimal } from "../decimal.ts";
import { TokencostError } from "../errors.ts";
import { warning, type Warning } from "../warnings.ts";
import { addDays, daysBetween, isIsoDay } from "../dates.ts";
import { lifecycleNotices } from "./lifecycle.ts";
import { byText, compactTokens } from "../text.ts";
import type { Model } from "./registry.ts";
import type { PartialRates, Rates, Tier } from "./schema.ts";

/** The six ways a token is billed; cacheWrite1h is a cache write at the 1-hour TTL. */
export const BILLED_CLASSES = ["input", "cachedInput", "cacheWrite", "cacheWrite1h", "output", "reasoning"] as const;
export type BilledClass = (typeof BILLED_CLASSES)[number];

/** How reports and messages name each class. */
export const CLASS_NAMES: Record<BilledClass, string> = {
  input: "input",
  cachedInput: "cached input",
  cacheWrite: "cache write",
  cacheWrite1h: "1-hour cache write",
  output: "output",
  reasoning: "reasoning",
};

export type RateCard = Record<BilledClass, Decimal>;

export interface PriceBand {
  /** "base", or the tier's threshold as people say it (">200K"). */
  label: string;
  /** Calls whose prompt is strictly above this many tokens use the band; null for base. */
  above: bigint | null;
  /** USD per million tokens, fallbacks applied. */
  rates: RateCard;
  /** Classes whose rate the registry does not know, and which price at their fallback. */
  unknown: BilledClass[];
  /** Classes priced at a fallback because the model has no separate rate (cacheWrite1h→cacheWrite). */
  fallback: BilledClass[];
}

export interface ModelPricing {
  model: Model;
  /** Base band first, then tiers in increasing threshold order. */
  bands: PriceBand[];
  /** The model bills cache writes separately; else new prompt tokens are plain input. */
  billsCacheWrites: boolean;
  serviceTier: string;
  multiplier: Decimal;
  notices: Warning[];
}

export const PRICE_CHANGE_HORIZON_DAYS = 90;

export interface PriceOptions {
  /** YYYY-MM-DD: the day whose rates apply. */
  at: string;
  serviceTier?: string | undefined;
}

export interface Schedule {
  /** Base rates in force on the day; scheduled nulls keep the earlier rate. */
  rates: PartialRates;
  tiers: readonly Tier[];
  notices: Warning[];
}

// The last day checked: a comparison asks for one day ~100 times.
let checkedDay = "";

/** Base rates and tiers in force on `at`, after every announced change dated on or before it. */
export function scheduleAt(model: Model, at: string): Schedule {
  if (at !== checkedDay) {
    // Library callers give any string; the CLI has checked its --at already.
    if (!isIsoDay(at)) throw new TokencostError("USAGE", `the pricing date must be a day as YYYY-MM-DD, got "${at}"`);
    checkedDay = at;
  }
  const notices: Warning[] = [];
  let rates: PartialRates = { ...model.rates };
  let tiers: readonly Tier[] = model.tiers ?? [];
  if (!model.scheduledPrices?.length) return { rates, tiers, notices };
  // Rates after every change so far, future ones included: what a coming change changes from.
  let running: PartialRates = rates;
  let runningTiers = tiers;
  const horizon = addDays(at, PRICE_CHANGE_HORIZON_DAYS);
  const scheduled = [...(model.scheduledPrices ?? [])].sort((a, b) => byText(a.from, b.from));
  for (const change of scheduled) {
    const [before, tiersBefore] = [running, runningTiers];
    running = applyChange(running, change.rates);
    if (change.tiers) runningTiers = change.tiers;
    if (change.from <= at) {
      rates = applyChange(rates, change.rates);
      if (change.tiers) tiers = change.tiers;
      const unknown = Object.entries(change.rates).filter(([, v]) => v === null).map(([k]) => CLASS_NAMES[k as BilledClass]);
      if (unknown.length > 0) {
        notices.push(
          warning(
            "RATE_UNKNOWN_SINCE",
            `${model.id}: prices changed on ${change.from} but the new ${unknown.join(", ")} rates are not known; priced at the earlier rates`,
            model.id,
          ),
        );
      }
    } else if (change.from <= horizon) {
      const tiersChange = change.tiers && JSON.stringify(change.tiers) !== JSON.stringify(tiersBefore) ? change.tiers : undefined;
      const what = describeChange(before, change.rates, tiersChange);
      if (what) {
        notices.push(warning("PRICE_CHANGE", `${model.id}: prices change on ${change.from} (in ${daysBetween(at, change.from)} days): ${what}`, model.id));
      }
    }
  }
  return { rates, tiers, notices };
}

/** A change's known rates replace the earlier ones; its unknown (null) rates keep them. */
function applyChange(rates: PartialRates, change: PartialRates): PartialRates {
  const next: PartialRates = { ...rates };
  for (const [cls, value] of Object.entries(change) as [keyof PartialRates, number | null | undefined][]) {
    if (typeof value === "number") next[cls] = value;
  }
  return next;
}

/** Standard always; others when the model lists them (own keys only: not "constructor"). */
export const hasServiceTier = (model: Model, tier: string): boolean =>
  tier === "standard" || Object.hasOwn(model.serviceTiers ?? {}, tier);

/** The rates a model charges on a given day, for a service tier, with what a user should know. */
export function priceModel(model: Model, options: PriceOptions): ModelPricing {
  const { rates, tiers, notices } = scheduleAt(model, options.at);

  const serviceTier = options.serviceTier ?? "standard";
  if (!hasServiceTier(model, serviceTier)) {
    const has = ["standard", ...Object.keys(model.serviceTiers ?? {})].join(", ");
    throw new TokencostError("SERVICE_TIER", `${model.id} has no service tier "${serviceTier}" — it has: ${has}`);
  }
  const multiplier = Decimal.from(serviceTier === "standard" ? 1 : model.serviceTiers![serviceTier]!);

  // Loops, not push(...list): cold, a spread walks an iterator (this runs per model compared).
  const lifecycle = lifecycleNotices(model, options.at);
  for (let i = 0; i < lifecycle.length; i++) notices.push(lifecycle[i]!);
  if (model.pricedBy !== "bundled") notices.push(warning("OVERRIDE", `${model.id}: priced from ${model.pricedBy}`, model.id));

  const base = rates as Rates;
  const bands: PriceBand[] = [band("base", null, base, NO_RATES)];
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    bands.push(band(`>${compactTokens(t.aboveInputTokens)}`, BigInt(t.aboveInputTokens), base, t.rates));
  }

  const billsCacheWrites = base.cacheWrite !== undefined;
  const free = freeRateNotices(model, bands, billsCacheWrites, serviceTier, multiplier);
  for (let i = 0; i < free.length; i++) notices.push(free[i]!);
  return { model, bands, billsCacheWrites, serviceTier, multiplier, notices };
}

const NO_RATES: PartialRates = {};

/** Below this many USD per million tokens, a rate reads as $0: rates are shown to six decimals. */
export const TINY_RATE = Decimal.of(1n, 6); // $0.000001

const listed = (items: string[]): string => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/**
 * A price of $0 crowns a model cheapest and passes every budget, so it is never silent: a rate
 * of 0 (free tiers exist) and a rate that the service-tier multiplier (or its own smallness)
 * brings under $0.000001 per million (a billion tokens for under a tenth of a cent) are said,
 * band by band, for the classes the model bills (cache writes only where it bills them).
 */
function freeRateNotices(model: Model, bands: readonly PriceBand[], billsCacheWrites: boolean, serviceTier: string, multiplier: Decimal): Warning[] {
  const from = `from ${model.pricedBy === "bundled" ? "the bundled registry" : model.pricedBy}`;
  // The multiplier as its file wrote it: 1e-300, not three hundred digits.
  const tier = serviceTier === "standard" ? "" : ` at service tier ${serviceTier} (×${model.serviceTiers![serviceTier]})`;
  const out: Warning[] = [];
  // Indexed loops: this runs cold for every model of a comparison.
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    const where = b.label === "base" ? "" : ` on prompts ${b.label}`;
    const zero: string[] = [];
    const tiny: string[] = [];
    for (let c = 0; c < BILLED_CLASSES.length; c++) {
      const cls = BILLED_CLASSES[c]!;
      if (!billsCacheWrites && (cls === "cacheWrite" || cls === "cacheWrite1h")) continue;
      const rate = b.rates[cls].mul(multiplier);
      if (rate.isZero()) zero.push(CLASS_NAMES[cls]);
      // Rates and multipliers are never negative: a nonzero rate of six decimals or fewer is at
      // least $0.000001, with no comparison to make.
      else if (rate.scale > 6 && rate.cmp(TINY_RATE) < 0) tiny.push(CLASS_NAMES[cls]);
    }
    if (zero.length > 0) out.push(warning("ZERO_RATE", `${model.id} is priced at $0 per million for ${listed(zero)}${where} (${from})`, model.id));
    if (tiny.length > 0) {
      out.push(warning("TINY_RATE", `${model.id}${tier} is priced at under $0.000001 per million for ${listed(tiny)}${where}, effectively $0 (${from})`, model.id));
    }
  }
  return out;
}

function band(label: string, above: bigint | null, base: Rates, overlay: PartialRates): PriceBand {
  const merged: PartialRates = { ...base };
  const unknownInTier: BilledClass[] = [];
  for (const key in overlay) {
    const k = key as keyof PartialRates;
    const v = overlay[k];
    if (typeof v === "number") merged[k] = v;
    // A tier rate that is unknown prices at the base rate, and says so.
    else if (v === null) unknownInTier.push(k);
  }
  const unknown: BilledClass[] = [...unknownInTier];
  const fallback: BilledClass[] = [];
  const input = Decimal.from(merged.input ?? 0);
  const output = Decimal.from(merged.output ?? 0);
  const pick = (cls: BilledClass, value: number | null | undefined, otherwise: Decimal): Decimal => {
    if (typeof value === "number") return Decimal.from(value);
    if (value === null) unknown.push(cls);
    return otherwise;
  };
  const cachedInput = pick("cachedInput", merged.cachedInput, input);
  const cacheWrite = pick("cacheWrite", merged.cacheWrite, input);
  let cacheWrite1h: Decimal;
  if (typeof merged.cacheWrite1h === "number") cacheWrite1h = Decimal.from(merged.cacheWrite1h);
  else {
    // Only a model that bills writes at all lacks a separate 1-hour rate worth mentioning.
    if (typeof merged.cacheWrite === "number") fallback.push("cacheWrite1h");
    if (merged.cacheWrite === null) unknown.push("cacheWrite1h");
    cacheWrite1h = cacheWrite;
  }
  const reasoning = typeof merged.reasoning === "number" ? Decimal.from(merged.reasoning) : output;
  return { label, above, rates: { input, cachedInput, cacheWrite, cacheWrite1h, output, reasoning }, unknown, fallback };
}

/** "input $2 → $4, output $10 → $20 per million", or "" when nothing changes. */
function describeChange(current: PartialRates, next: PartialRates, tiers: readonly Tier[] | undefined): string {
  const parts: string[] = [];
  for (const [cls, value] of Object.entries(next) as [keyof PartialRates, number | null | undefined][]) {
    if (value === undefined || value === current[cls]) continue;
    const was = current[cls];
    parts.push(`${CLASS_NAMES[cls]} ${typeof was === "number" ? `$${was}` : "?"} → ${value === null ? "an unannounced rate" : `$${value}`}`);
  }
  let text = parts.length ? `${parts.join(", ")} per million` : "";
  if (tiers) {
    const note = tiers.length === 0 ? "long-context tiers no longer apply" : "long-context tiers change";
    text = text ? `${text}; ${note}` : note;
  }
  return text;
}
