import { TokencostError } from "../errors.ts";
import { formatPath } from "../text.ts";
import type { AgentStep, CallStep } from "../workload/types.ts";
import { isOne, scaleCount, scaleSum, type Fraction } from "./fraction.ts";
import type { Factors } from "./scaling.ts";

// Rule 5 of SPEC §8: scaled counts are whole tokens, rounded half up, applied to each per-call
// and per-turn value before expansion, so that context growth, caching, tiers and limits all
// follow the tokens the candidate spends.

/** Scaled counts past 2^53−1 cannot be priced exactly: the estimate says where and on what. */
export class ScaledTooLarge extends TokencostError {
  constructor(readonly model: string, path: CallStep["path"], what: string) {
    super("WORKLOAD", `${formatPath(path)}: ${what} scale to more than 2^53−1 tokens on ${model}`);
  }
}

function checked(out: number, what: () => string, step: Scalable): number {
  if (out > Number.MAX_SAFE_INTEGER) throw new ScaledTooLarge(step.model, step.path, what());
  return out;
}

interface Scalable {
  path: CallStep["path"];
  /** The model the step is priced on, for messages. */
  model: string;
}

const scaled = (n: number, f: Fraction, step: Scalable): number => (isOne(f) ? n : checked(scaleCount(n, f), () => `${n} tokens`, step));

/** Reasoning: its own tokens × f_r, plus what a reasoning model thinks per output token measured. */
const reasoningOf = (reasoning: number, output: number, f: Factors, step: Scalable): number =>
  checked(scaleSum(reasoning, f.reasoning, output, f.reasoningFromOutput), () => `${reasoning} reasoning tokens (with the reasoning added for ${output} output tokens)`, step);

// Tokens priced as measured (the usual comparison: no reference to scale from) scale by one:
// the step itself, not a copy per model.
const unscaled = (f: Factors): boolean => isOne(f.input) && isOne(f.output) && isOne(f.reasoning) && f.reasoningFromOutput.num === 0n;

export function scaleCall(step: CallStep, f: Factors, model: string): CallStep {
  if (unscaled(f)) return step;
  const at = { path: step.path, model };
  return {
    ...step,
    input: scaled(step.input, f.input, at),
    cachedInput: scaled(step.cachedInput, f.input, at),
    cacheWrite: scaled(step.cacheWrite, f.input, at),
    output: scaled(step.output, f.output, at),
    reasoning: reasoningOf(step.reasoning, step.output, f, at),
  };
}

export function scaleAgent(step: AgentStep, f: Factors, model: string): AgentStep {
  if (unscaled(f)) return step;
  const at = { path: step.path, model };
  const { input, output, reasoning } = step.perTurn;
  return {
    ...step,
    system: scaled(step.system, f.input, at),
    perTurn: { ...step.perTurn, input: scaled(input, f.input, at), output: scaled(output, f.output, at), reasoning: reasoningOf(reasoning, output, f, at) },
  };
}
