import { isIsoDay } from "../../dates.ts";
import type { Registry } from "../registry.ts";
import type { ModelEntry } from "../schema.ts";
import { ImportResult, providerOf, type ImportOptions } from "./common.ts";

// pydantic/genai-prices' prices/data.json: a list of providers, each with models whose `prices`
// are USD per million tokens already (`input_mtok`, `cache_read_mtok`, `cache_write_mtok`,
// `cache_write_1h_mtok`, `output_mtok`), a number or {base, tiers: [{start, price}]} (a prompt
// over `start` tokens pays `price`, as tokencost's tiers do), or a list of conditional prices
// ({constraint: {start_date}, prices}) — price changes by date.

type Obj = Record<string, unknown>;
type Price = number | { base: number; tiers?: { start: number; price: number }[] };

const CLASSES = [
  ["input_mtok", "input"],
  ["cache_read_mtok", "cachedInput"],
  ["cache_write_mtok", "cacheWrite"],
  ["cache_write_1h_mtok", "cacheWrite1h"],
  ["output_mtok", "output"],
] as const;

const base = (p: unknown): number | undefined =>
  typeof p === "number" && p >= 0 ? p : typeof p === "object" && p !== null && typeof (p as Obj).base === "number" ? ((p as Obj).base as number) : undefined;

/** A price set as tokencost rates and tiers; undefined without input and output token prices. */
function ratesOf(prices: Obj): { rates: ModelEntry["rates"]; tiers: NonNullable<ModelEntry["tiers"]> } | undefined {
  const input = base(prices.input_mtok);
  const output = base(prices.output_mtok);
  if (input === undefined || output === undefined) return undefined;
  const rates: ModelEntry["rates"] = { input, output };
  const byStart = new Map<number, Record<string, number>>();
  for (const [key, cls] of CLASSES) {
    const p = prices[key] as Price | undefined;
    const b = base(p);
    if (b === undefined) continue;
    // A cache price of 0 is "none listed", not free tokens.
    if (cls !== "input" && cls !== "output" && b > 0) rates[cls] = b;
    if (typeof p === "object") for (const t of p.tiers ?? []) byStart.set(t.start, { ...byStart.get(t.start), [cls]: t.price });
  }
  const tiers = [...byStart.entries()].sort((a, b) => a[0] - b[0]).map(([start, r]) => ({ aboveInputTokens: start, rates: r }));
  return { rates, tiers };
}

export function importGenaiPrices(data: unknown, registry: Registry, options: ImportOptions): ImportResult {
  const result = new ImportResult("genai-prices", options);
  if (!Array.isArray(data)) return result.fail("not a genai-prices data file (expected a list of providers)");
  for (const p of data) {
    if (typeof p !== "object" || p === null || !Array.isArray((p as Obj).models)) continue;
    const providerId = String((p as Obj).id ?? "");
    const provider = providerOf(providerId);
    for (const raw of (p as Obj).models as unknown[]) {
      if (typeof raw !== "object" || raw === null || typeof (raw as Obj).id !== "string") continue;
      const m = raw as Obj;
      const key = `${providerId}/${m.id as string}`;
      // Conditional prices: the unconstrained set is the base; a start_date is an announced change.
      const sets = Array.isArray(m.prices) ? (m.prices as Obj[]) : [{ prices: m.prices }];
      const plain = sets.find((s) => !s.constraint) ?? sets[0];
      const priced = plain && typeof plain.prices === "object" && plain.prices !== null ? ratesOf(plain.prices as Obj) : undefined;
      if (!priced) {
        const perRequest = sets.some((s) => typeof s.prices === "object" && s.prices !== null && "requests_kcount" in (s.prices as Obj));
        result.skip(key, perRequest ? "priced per request, not per token" : "no token prices", provider);
        continue;
      }
      const entry = { id: m.id as string, rates: priced.rates } as ModelEntry;
      if (typeof m.name === "string") entry.name = m.name;
      if (priced.tiers.length) entry.tiers = priced.tiers;
      const scheduled: NonNullable<ModelEntry["scheduledPrices"]> = [];
      for (const s of sets) {
        if (s === plain || !s.constraint) continue;
        const c = s.constraint as Obj;
        const next = typeof s.prices === "object" && s.prices !== null ? ratesOf(s.prices as Obj) : undefined;
        if (typeof c.start_date === "string" && isIsoDay(c.start_date) && Object.keys(c).length === 1 && next) {
          scheduled.push({ from: c.start_date, rates: next.rates!, ...(next.tiers.length || priced.tiers.length ? { tiers: next.tiers } : {}) });
        } else result.note(key, `a price under a condition tokencost cannot express (${JSON.stringify(c)}): left out`);
      }
      if (scheduled.length) entry.scheduledPrices = scheduled.sort((a, b) => (a.from < b.from ? -1 : 1));
      if (typeof m.context_window === "number" && m.context_window > 0) entry.limits = { contextTokens: m.context_window };
      result.add(key, provider, entry, registry);
    }
  }
  return result;
}
