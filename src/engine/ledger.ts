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
  private readonly lines = new Map<string, LedgerLine>();

  add(pricing: ModelPricing, band: number, tokens: Partial<BilledTokens>, times = 1n): void {
    const key = `${pricing.model.id}\u0000${band}`;
    let line = this.lines.get(key);
    if (!line) {
      line = { pricing, band, tokens: noTokens() };
      this.lines.set(key, line);
    }
    for (let c = 0; c < BILLED_CLASSES.length; c++) {
      const cls = BILLED_CLASSES[c]!;
      const n = tokens[cls];
      if (n) line.tokens[cls] += n * times;
    }
  }

  entries(): LedgerLine[] {
    return [...this.lines.values()];
  }
}
