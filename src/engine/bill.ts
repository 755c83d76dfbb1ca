import { Decimal } from "../decimal.ts";
import { BILLED_CLASSES, CLASS_NAMES, type BilledClass } from "../pricing/price-at.ts";
import { byText } from "../text.ts";
import { warning, type Warning } from "../warnings.ts";
import type { Ledger, LedgerLine } from "./ledger.ts";

// The third seam: the ledger's whole tokens times the rates, once per (model, band, class),
// in exact decimals (SPEC §3).

/** The five token classes of SPEC §4; 1-hour cache writes report as cacheWrite. */
export const TOKEN_CLASSES = ["input", "cachedInput", "cacheWrite", "output", "reasoning"] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

export interface PricedLine {
  model: string;
  /** "base" or the tier's threshold (">200K"). */
  band: string;
  cls: BilledClass;
  tokens: bigint;
  /** USD per million tokens after the service-tier multiplier. */
  ratePerMillion: Decimal;
  usd: Decimal;
}

export interface Bill {
  lines: PricedLine[];
  tokens: Record<TokenClass, bigint>;
  cost: Record<TokenClass | "total", Decimal>;
  /** Rates the registry does not know, priced at their fallback. */
  warnings: Warning[];
}

/** n tokens at a USD-per-million rate: rate × n / 10^6, as one Decimal. */
const costAt = (rate: Decimal, n: bigint): Decimal => Decimal.of(rate.units * n, rate.scale + 6);

/** Lines of the main model first, then the others by id; within a model by band, then class. */
export function bill(ledger: Ledger, mainId: string): Bill {
  const lines: PricedLine[] = [];
  const tokens = { input: 0n, cachedInput: 0n, cacheWrite: 0n, output: 0n, reasoning: 0n } as Record<TokenClass, bigint>;
  const cost = { input: Decimal.ZERO, cachedInput: Decimal.ZERO, cacheWrite: Decimal.ZERO, output: Decimal.ZERO, reasoning: Decimal.ZERO, total: Decimal.ZERO } as Record<TokenClass | "total", Decimal>;
  const warnings: Warning[] = [];

  const rank = (l: LedgerLine) => (l.pricing.model.id === mainId ? 0 : 1);
  const entries = ledger.entries();
  if (entries.length > 1) entries.sort((a, b) => rank(a) - rank(b) || byText(a.pricing.model.id, b.pricing.model.id) || a.band - b.band);
  for (const line of entries) {
    const id = line.pricing.model.id;
    const band = line.pricing.bands[line.band]!;
    // Indexed, not for…of: cold code pays for an iterator per loop, and this runs per model.
    for (let c = 0; c < BILLED_CLASSES.length; c++) {
      const cls = BILLED_CLASSES[c]!;
      const n = line.tokens[cls];
      if (n === 0n) continue;
      const rate = band.rates[cls].mul(line.pricing.multiplier);
      const usd = costAt(rate, n);
      lines.push({ model: id, band: band.label, cls, tokens: n, ratePerMillion: rate, usd });
      const reportAs: TokenClass = cls === "cacheWrite1h" ? "cacheWrite" : cls;
      tokens[reportAs] = tokens[reportAs] === 0n ? n : tokens[reportAs] + n;
      cost[reportAs] = cost[reportAs].add(usd);
      cost.total = cost.total.add(usd);
      if (band.unknown.includes(cls)) {
        const where = band.label === "base" ? "" : ` (prompts ${band.label})`;
        const w = warning("RATE_UNKNOWN", `${id}: the ${CLASS_NAMES[cls]} rate${where} is unknown; priced at $${band.rates[cls].toString()} per million`, id);
        const fallback = band.label !== "base" ? "the base rate" : cls === "cacheWrite1h" ? "a cache write" : "input";
        warnings.push({ ...w, fold: `${CLASS_NAMES[cls]} rate${where} unknown (priced as ${fallback})` });
      } else if (band.fallback.includes(cls)) {
        warnings.push(warning("NO_1H_CACHE_RATE", `${id}: no 1-hour cache-write rate; priced at its default cache-write rate`, id));
      }
    }
  }
  return { lines, tokens, cost, warnings };
}

/** Only the total: the ends of a scaling band need no lines. */
export function billTotal(ledger: Ledger): Decimal {
  let total = Decimal.ZERO;
  for (const line of ledger.entries()) {
    const band = line.pricing.bands[line.band]!;
    for (let c = 0; c < BILLED_CLASSES.length; c++) {
      const cls = BILLED_CLASSES[c]!;
      const n = line.tokens[cls];
      if (n === 0n) continue;
      const rate = band.rates[cls].mul(line.pricing.multiplier);
      total = total.add(costAt(rate, n));
    }
  }
  return total;
}
