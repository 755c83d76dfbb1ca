import { TokencostError } from "../errors.ts";
import { formatPath } from "../text.ts";
import type { AgentStep, CallStep } from "../workload/types.ts";
import { isOne, scaleCount, type Fraction } from "./fraction.ts";
import type { Factors } from "./scaling.ts";

// Rule 5 of SPEC §8: scaled counts are whole tokens, rounded half up, applied to each per-call
// and per-turn value before expansion, so that context growth, caching, tiers and limits all
// follow the tokens the candidate spends.

function scaled(n: number, f: Fraction, step: { path: CallStep["path"] }): number {
  if (isOne(f)) return n;
  const out = scaleCount(n, f);
  if (out > Number.MAX_SAFE_INTEGER) {
    throw new TokencostError("WORKLOAD", `${formatPath(step.path)}: ${n} tokens scale to more than 2^53−1 on this model`);
  }
  return out;
}

export function scaleCall(step: CallStep, f: Factors): CallStep {
  return {
    ...step,
    input: scaled(step.input, f.input, step),
    cachedInput: scaled(step.cachedInput, f.input, step),
    cacheWrite: scaled(step.cacheWrite, f.input, step),
    output: scaled(step.output, f.output, step),
    reasoning: scaled(step.reasoning, f.reasoning, step),
  };
}

export function scaleAgent(step: AgentStep, f: Factors): AgentStep {
  return {
    ...step,
    system: scaled(step.system, f.input, step),
    perTurn: {
      ...step.perTurn,
      input: scaled(step.perTurn.input, f.input, step),
      output: scaled(step.perTurn.output, f.output, step),
      reasoning: scaled(step.perTurn.reasoning, f.reasoning, step),
    },
  };
}
