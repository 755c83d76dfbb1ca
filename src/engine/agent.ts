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
  pricing.bands.forEach((b, i) => {
    if (b.above !== null && prompt > b.above) band = i;
  });
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
  return {
    bands: new Map([[bandFor(pricing, prompt), tokens]]),
    calls: 1n,
    overflow: firstOverflow(pricing, prompt, 0n, tokens.output + tokens.reasoning, 1n),
  };
}

export function expandAgent(step: AgentStep, pricing: ModelPricing): Expansion {
  const S = BigInt(step.system);
  const u = BigInt(step.perTurn.input);
  const o = BigInt(step.perTurn.output);
  const r = BigInt(step.perTurn.reasoning);
  const T = BigInt(step.turns);
  const g = u + o + (step.keepReasoning ? r : 0n);
  const A = S + u; // prompt_1

  // First turn whose prompt is strictly above t (T + 1 when none is).
  const firstAbove = (t: bigint): bigint => {
    if (A > t) return 1n;
    if (g === 0n) return T + 1n;
    const k = (t - A) / g + 2n;
    return k > T ? T + 1n : k;
  };

  const bands = new Map<number, BilledTokens>();
  const starts = pricing.bands.map((b) => (b.above === null ? 1n : firstAbove(b.above)));
  const caching = step.caching;
  const writeClass = caching?.ttl === "1h" ? "cacheWrite1h" : "cacheWrite";

  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    // Thresholds ascend and the prompt never shrinks, so band i ends where band i+1 starts.
    const b = (starts[i + 1] ?? T + 1n) - 1n;
    if (a > b) continue;

    const n = b - a + 1n;
    const promptSum = n * A + (g * ((a - 1n + (b - 1n)) * n)) / 2n;
    const t = noTokens();
    if (caching) {
      let cached = a === 1n && caching.warmSystem ? S : 0n;
      // Σ_{k=max(a,2)}^{b} ⌊h · prompt_{k−1}⌋, with i = k − 2 running from i0 to i1.
      const i0 = (a < 2n ? 2n : a) - 2n;
      const i1 = b - 2n;
      if (i1 >= i0) {
        const { num, den } = caching.hitRate;
        const F = (count: bigint) => floorSum(count, den, num * g, num * A);
        cached += F(i1 + 1n) - F(i0);
      }
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

/** The first turn (of `turns`) whose call breaks a limit: prompt_k = first + (k−1)·growth. */
function firstOverflow(pricing: ModelPricing, first: bigint, growth: bigint, generated: bigint, turns: bigint): Overflow | undefined {
  const limits = pricing.model.limits;
  const found: Overflow[] = [];
  const check = (kind: Overflow["kind"], limit: number | null | undefined, extra: bigint) => {
    if (limit == null) return;
    const L = BigInt(limit);
    let k: bigint;
    if (first + extra > L) k = 1n;
    else if (growth === 0n) return;
    else k = (L - first - extra) / growth + 2n;
    if (k > turns) return;
    const size = first + (k - 1n) * growth + extra;
    found.push({ model: pricing.model.id, turn: Number(k), size: Number(size), limit, kind });
  };
  check("context", limits?.contextTokens, generated);
  check("input", limits?.inputTokens, 0n);
  if (limits?.outputTokens != null && generated > BigInt(limits.outputTokens)) {
    found.push({ model: pricing.model.id, turn: 1, size: Number(generated), limit: limits.outputTokens, kind: "output" });
  }
  found.sort((x, y) => x.turn - y.turn);
  return found[0];
}
