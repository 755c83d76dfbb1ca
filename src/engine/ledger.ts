import { BILLED_CLASSES, type BilledClass, type ModelPricing } from "../pricing/price-at.ts";

export type BilledTokens = Record<BilledClass, bigint>;

export const noTokens = (): BilledTokens => ({
  input: 0n,
  cachedInput: 0n,
  cacheWrite: 0n,
  cacheWrite1h: 0n,
  output: 0n,
  reasoning: 0n,
});

export interface LedgerLine {
  pricing: ModelPricing;
  /** Index into pricing.bands. */
  band: number;
  tokens: BilledTokens;
}

/**
 * Whole tokens per (model, price band, class). Money is computed once from these counts, so
 * no float ever accumulates (SPEC §3).
 */
export class Ledger {
  // Per model, its lines by band index; `order` keeps them as first added. (No string key per
  // add: an estimate adds once per step, and a comparison makes ~100 estimates cold.)
  private readonly byModel = new Map<string, LedgerLine[]>();
  private readonly order: LedgerLine[] = [];

  add(pricing: ModelPricing, band: number, tokens: Partial<BilledTokens>, times = 1n): void {
    let bands = this.byModel.get(pricing.model.id);
    if (!bands) {
      bands = [];
      this.byModel.set(pricing.model.id, bands);
    }
    let line = bands[band];
    if (!line) {
      line = { pricing, band, tokens: noTokens() };
      bands[band] = line;
      this.order.push(line);
    }
    for (let c = 0; c < BILLED_CLASSES.length; c++) {
      const cls = BILLED_CLASSES[c]!;
      const n = tokens[cls];
      // A product or a sum is a new BigInt: a step run once, into an empty line, needs neither.
      if (n) {
        const add = times === 1n ? n : n * times;
        const had = line.tokens[cls];
        line.tokens[cls] = had === 0n ? add : had + add;
      }
    }
  }

  entries(): LedgerLine[] {
    return this.order.slice();
  }
}
