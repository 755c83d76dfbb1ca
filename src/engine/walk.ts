import { formatPath } from "../text.ts";
import type { Step } from "../workload/types.ts";
import { expandAgent, expandCall, type Expansion, type Overflow } from "./agent.ts";
import { Ledger } from "./ledger.ts";
import { scaleAgent, scaleCall } from "./scale-step.ts";
import type { Factors, Scaling } from "./scaling.ts";
import type { Scope, Target, Targets } from "./targets.ts";
import { addTime, callsTime, longestTime, scaleTime, zeroTime, type Time } from "./time.ts";

// The second seam: every step, scaled to the tokens its model spends, expanded into whole
// tokens per (model, price band, class), and timed.

/** Which end of the scaling band to walk: the estimate, or its low or high end. */
export type BandEnd = "point" | "low" | "high";

export interface Walk {
  ledger: Ledger;
  /** One run's time. */
  time: Time;
  calls: bigint;
  /** The first call, in workload order, that breaks a model limit. */
  overflow: (Overflow & { path: string }) | undefined;
}

const factorsAt = (s: Scaling, end: BandEnd): Factors => (end === "point" ? s.point : end === "low" ? s.lowFactors : s.highFactors);

export function walkSteps(root: Step, targets: Targets, end: BandEnd): Walk {
  const ledger = new Ledger();
  const walk: Walk = { ledger, time: zeroTime(), calls: 0n, overflow: undefined };

  const record = (exp: Expansion, target: Target, times: bigint, path: Step["path"]) => {
    exp.bands.forEach((tokens, band) => ledger.add(target.pricing, band, tokens, times));
    walk.calls += exp.calls * times;
    if (exp.overflow && !walk.overflow) walk.overflow = { ...exp.overflow, path: formatPath(path) };
  };

  // Returns the time of one execution of `step`; the ledger gets `times` executions.
  const visit = (step: Step, outer: Scope, times: bigint): Time => {
    const scope = targets.enter(outer, step);
    switch (step.kind) {
      case "call": {
        const target = targets.at(scope);
        const call = scaleCall(step, factorsAt(target.scaling, end), target.pricing.model.id);
        const n = BigInt(call.requests);
        record(expandCall(call, target.pricing), target, times * n, step.path);
        return callsTime(target.pricing.model.id, target.speed, n, BigInt(call.output) + BigInt(call.reasoning), call.toolSeconds);
      }
      case "agent": {
        const target = targets.at(scope);
        const agent = scaleAgent(step, factorsAt(target.scaling, end), target.pricing.model.id);
        record(expandAgent(agent, target.pricing), target, times, step.path);
        const { output, reasoning, toolSeconds } = agent.perTurn;
        return callsTime(target.pricing.model.id, target.speed, BigInt(agent.turns), BigInt(output) + BigInt(reasoning), toolSeconds);
      }
      case "parallel":
        return longestTime(step.branches.map((b) => visit(b, scope, times)));
      case "sequence": {
        const n = BigInt(step.repeat);
        const once = step.steps.reduce((t, s) => addTime(t, visit(s, scope, times * n)), zeroTime());
        return scaleTime(once, step.repeat);
      }
    }
  };

  walk.time = visit(root, targets.root(), 1n);
  return walk;
}
