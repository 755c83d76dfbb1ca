import type { ModelPricing } from "../pricing/price-at.ts";
import type { AgentStep, CallStep } from "../workload/types.ts";
import { floorSum } from "./floor-sum.ts";
import { noTokens, type BilledTokens } from "./ledger.ts";

// SPEC §3 agent expansion, summed in closed form. For turn k = 1…T:
//   prompt_k = S + (k−1)·g + u, with g = u + o + (keepReasoning ? r : 0)
// The prompt grows by the same g each turn, so the turns that fall in a price band form one
// contiguous range and every sum over a range is arithmetic (or a floor sum, for hit rates).

export interface Overflow {
  model: string;
  /** 1-based turn (1 for a single call). */
  turn: number;
  /** Tokens the call needs against `limit`. */
  size: number;
  limit: number;
  kind: "context" | "input" | "output";
}

export interface Expansion {
  /** Tokens per price band index. */
  bands: Map<number, BilledTokens>;
  /** Model calls made. */
  calls: bigint;
  overflow: Overflow | undefined;
}

/** Index of the band a prompt of this size is billed in: the highest threshold it is strictly above. */
export function bandFor(pricing: ModelPricing, prompt: bigint): number {
  let band = 0;
  for (let i = 0; i < pricing.bands.length; i++) {
    const above = pricing.bands[i]!.above;
    if (above !== null && prompt > above) band = i;
  }
  return band;
}

export function expandCall(step: CallStep, pricing: ModelPricing): Expansion {
  const prompt = BigInt(step.input) + BigInt(step.cachedInput) + BigInt(step.cacheWrite);
  const tokens = noTokens();
  tokens.input = BigInt(step.input);
  tokens.cachedInput = BigInt(step.cachedInput);
  tokens[step.cacheTtl === "1h" ? "cacheWrite1h" : "cacheWrite"] = BigInt(step.cacheWrite);
  tokens.output = BigInt(step.output);
  tokens.reasoning = BigInt(step.reasoning);
  const bands = new Map<number, BilledTokens>();
  bands.set(bandFor(pricing, prompt), tokens);
  return {
    bands,
    calls: 1n,
    overflow: firstOverflow(pricing, prompt, 0n, tokens.output + tokens.reasoning, 1n),
  };
}

/** The first of `turns` turns whose prompt (first + (k−1)·growth) is strictly above t; turns + 1 when none is. */
function firstAbove(t: bigint, first: bigint, growth: bigint, turns: bigint): bigint {
  if (first > t) return 1n;
  if (growth === 0n) return turns + 1n;
  const k = (t - first) / growth + 2n;
  return k > turns ? turns + 1n : k;
}

// Module-level helpers, not closures: this runs once per model of a comparison, cold, and every
// closure is an allocation (with its context) before it does anything.
const cachedSum = (count: bigint, hitRate: { num: bigint; den: bigint }, g: bigint, A: bigint): bigint => floorSum(count, hitRate.den, hitRate.num * g, hitRate.num * A);

export function expandAgent(step: AgentStep, pricing: ModelPricing): Expansion {
  const S = BigInt(step.system);
  const u = BigInt(step.perTurn.input);
  const o = BigInt(step.perTurn.output);
  const r = BigInt(step.perTurn.reasoning);
  const T = BigInt(step.turns);
  const g = u + o + (step.keepReasoning ? r : 0n);
  const A = S + u; // prompt_1

  const bands = new Map<number, BilledTokens>();
  const priced = pricing.bands;
  const caching = step.caching;
  const writeClass = caching?.ttl === "1h" ? "cacheWrite1h" : "cacheWrite";

  // Band i covers the turns from its own start to the next band's: thresholds ascend and the
  // prompt never shrinks.
  let a = 1n; // the base band (first, above nothing) starts at turn 1
  for (let i = 0; i < priced.length; i++) {
    const next = i + 1 < priced.length ? firstAbove(priced[i + 1]!.above!, A, g, T) : T + 1n;
    const b = next - 1n;
    const from = a;
    a = next;
    if (from > b) continue;

    const n = b - from + 1n;
    const promptSum = n * A + (g * ((from - 1n + (b - 1n)) * n)) / 2n;
    const t = noTokens();
    if (caching) {
      let cached = from === 1n && caching.warmSystem ? S : 0n;
      // Σ_{k=max(from,2)}^{b} ⌊h · prompt_{k−1}⌋, with i = k − 2 running from i0 to i1.
      const i0 = (from < 2n ? 2n : from) - 2n;
      const i1 = b - 2n;
      if (i1 >= i0) cached += cachedSum(i1 + 1n, caching.hitRate, g, A) - cachedSum(i0, caching.hitRate, g, A);
      t.cachedInput = cached;
      t[pricing.billsCacheWrites ? writeClass : "input"] = promptSum - cached;
    } else {
      t.input = promptSum;
    }
    t.output = n * o;
    t.reasoning = n * r;
    bands.set(i, t);
  }

  return { bands, calls: T, overflow: firstOverflow(pricing, A, g, o + r, T) };
}

/** Where prompt_k + extra first exceeds one limit within `turns` turns, if it does. */
function limitBroken(pricing: ModelPricing, kind: Overflow["kind"], limit: number, first: bigint, growth: bigint, extra: bigint, turns: bigint): Overflow | undefined {
  const k = firstAbove(BigInt(limit), first + extra, growth, turns);
  if (k > turns) return undefined;
  return { model: pricing.model.id, turn: Number(k), size: Number(first + (k - 1n) * growth + extra), limit, kind };
}

/** The first turn (of `turns`) whose call breaks a limit: prompt_k = first + (k−1)·growth. */
function firstOverflow(pricing: ModelPricing, first: bigint, growth: bigint, generated: bigint, turns: bigint): Overflow | undefined {
  const limits = pricing.model.limits;
  if (!limits) return undefined;
  // The earliest turn wins; at equal turns, the one checked first (context, input, output).
  let found = limits.contextTokens == null ? undefined : limitBroken(pricing, "context", limits.contextTokens, first, growth, generated, turns);
  const input = limits.inputTokens == null ? undefined : limitBroken(pricing, "input", limits.inputTokens, first, growth, 0n, turns);
  if (input && !(found && found.turn <= input.turn)) found = input;
  if (limits.outputTokens != null && generated > BigInt(limits.outputTokens) && !(found && found.turn <= 1)) {
    found = { model: pricing.model.id, turn: 1, size: Number(generated), limit: limits.outputTokens, kind: "output" };
  }
  return found;
}
