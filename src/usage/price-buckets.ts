import { Decimal } from "../decimal.ts";
import { bill, TOKEN_CLASSES, type TokenClass } from "../engine/bill.ts";
import { Ledger } from "../engine/ledger.ts";
import { BILLED_CLASSES } from "../pricing/price-at.ts";
import type { Warning } from "../warnings.ts";
import type { Bucket } from "./tally.ts";

// Logged tokens become money through the engine's own bill, bucket by bucket: each bucket is one
// model's tokens at one day's rates, one service tier and one price band.

export interface Priced {
  cost: Record<TokenClass | "total", Decimal>;
  warnings: Warning[];
}

/** Money for a set of buckets, each at its own rates; null for none. */
export function priceBuckets(buckets: Iterable<Bucket>): Priced | null {
  let any = false;
  const cost = Object.fromEntries([...TOKEN_CLASSES, "total"].map((k) => [k, Decimal.ZERO])) as Priced["cost"];
  const warnings: Warning[] = [];
  for (const b of buckets) {
    any = true;
    // A ledger per bucket: two buckets of one model and band may hold different rates.
    const ledger = new Ledger();
    ledger.add(b.pricing, b.band, Object.fromEntries(BILLED_CLASSES.map((k) => [k, BigInt(b.tokens[k])])));
    const billed = bill(ledger, b.pricing.model.id);
    for (const k of [...TOKEN_CLASSES, "total"] as const) cost[k] = cost[k].add(billed.cost[k]);
    warnings.push(...billed.warnings);
  }
  return any ? { cost, warnings } : null;
}
