import { Decimal } from "../decimal.ts";
import { TokencostError } from "../errors.ts";
import { warning, type Warning } from "../warnings.ts";
import { addDays, daysBetween } from "../dates.ts";
import type { Model } from "./registry.ts";
import type { PartialRates, Rates, Tier } from "./schema.ts";

/** The six ways a token is billed; cacheWrite1h is a cache write at the 1-hour TTL. */
export const BILLED_CLASSES = ["input", "cachedInput", "cacheWrite", "cacheWrite1h", "output", "reasoning"] as const;
export type BilledClass = (typeof BILLED_CLASSES)[number];

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

/** Base rates and tiers in force on `at`, after every announced change dated on or before it. */
export function scheduleAt(model: Model, at: string): Schedule {
  const notices: Warning[] = [];
  let rates: PartialRates = { ...model.rates };
  let tiers: readonly Tier[] = model.tiers ?? [];
  const scheduled = [...(model.scheduledPrices ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  for (const change of scheduled) {
    if (change.from <= at) {
      const unknown: string[] = [];
      const next: PartialRates = { ...rates };
      for (const [cls, value] of Object.entries(change.rates) as [keyof PartialRates, number | null | undefined][]) {
        if (value === undefined) continue;
        if (value === null) unknown.push(RATE_NAMES[cls]);
        else next[cls] = value;
      }
      rates = next;
      if (change.tiers) tiers = change.tiers;
      if (unknown.length > 0) {
        notices.push(
          warning(
            "RATE_UNKNOWN_SINCE",
            `${model.id}: prices changed on ${change.from} but the new ${unknown.join(", ")} rates are not known; priced at the earlier rates`,
            model.id,
          ),
        );
      }
    } else if (change.from <= addDays(at, PRICE_CHANGE_HORIZON_DAYS)) {
      notices.push(warning("PRICE_CHANGE", `${model.id}: ${describeChange(rates, change.rates, change.from, at)}`, model.id));
    }
  }
  return { rates, tiers, notices };
}

/** The rates a model charges on a given day, for a service tier, with what a user should know. */
export function priceModel(model: Model, options: PriceOptions): ModelPricing {
  const { rates, tiers, notices } = scheduleAt(model, options.at);

  const serviceTier = options.serviceTier ?? "standard";
  let multiplier = Decimal.from(1);
  if (serviceTier !== "standard") {
    const m = model.serviceTiers?.[serviceTier];
    if (m === undefined) {
      const has = ["standard", ...Object.keys(model.serviceTiers ?? {})].join(", ");
      throw new TokencostError("SERVICE_TIER", `${model.id} has no service tier "${serviceTier}" — it has: ${has}`);
    }
    multiplier = Decimal.from(m);
  }

  notices.push(...lifecycleNotices(model, options.at));

  const base = rates as Rates;
  const bands: PriceBand[] = [band("base", null, base, {})];
  for (const t of tiers) bands.push(band(`>${compact(t.aboveInputTokens)}`, BigInt(t.aboveInputTokens), base, t.rates));

  return { model, bands, billsCacheWrites: base.cacheWrite !== undefined, serviceTier, multiplier, notices };
}

function band(label: string, above: bigint | null, base: Rates, overlay: PartialRates): PriceBand {
  const merged: PartialRates = { ...base };
  for (const [k, v] of Object.entries(overlay) as [keyof PartialRates, number | null | undefined][]) {
    if (typeof v === "number") merged[k] = v;
  }
  const unknown: BilledClass[] = [];
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

function lifecycleNotices(model: Model, at: string): Warning[] {
  const replacement = model.replacement ? `; replacement: ${model.replacement}` : "";
  const date = model.deprecationDate;
  if (model.status === "deprecated") {
    const when = date ? (date > at ? `shuts down on ${date} (in ${daysBetween(at, date)} days)` : `shut down on ${date}`) : "no shutdown date announced";
    return [warning("DEPRECATED", `${model.id} is deprecated: ${when}${replacement}`, model.id)];
  }
  if (model.status === "retired") {
    return [warning("RETIRED", `${model.id} was retired${date ? ` on ${date}` : ""} and no longer serves requests${replacement}`, model.id)];
  }
  if (model.status === "preview") {
    return [warning("PREVIEW", `${model.id} is a preview model: its prices and limits may change`, model.id)];
  }
  return [];
}

const RATE_NAMES: Record<keyof PartialRates, string> = {
  input: "input",
  cachedInput: "cached input",
  cacheWrite: "cache write",
  cacheWrite1h: "1h cache write",
  output: "output",
  reasoning: "reasoning",
};

function describeChange(current: PartialRates, next: PartialRates, from: string, at: string): string {
  const parts: string[] = [];
  for (const [cls, value] of Object.entries(next) as [keyof PartialRates, number | null | undefined][]) {
    if (value === undefined) continue;
    const was = current[cls];
    const before = typeof was === "number" ? `$${was}` : "?";
    parts.push(`${RATE_NAMES[cls]} ${before} → ${value === null ? "an unannounced rate" : `$${value}`}`);
  }
  return `prices change on ${from} (in ${daysBetween(at, from)} days): ${parts.join(", ")} per million`;
}

/** 200000 → "200K", 1048576 → "1.05M". */
export function compact(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}K`;
  return String(n);
}
