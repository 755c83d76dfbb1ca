import { describe, expect, it } from "vitest";
import { ONE, ZERO, type Fraction } from "../src/engine/fraction.ts";
import { scaleAgent, scaleCall } from "../src/engine/scale-step.ts";
import type { Factors } from "../src/engine/scaling.ts";
import type { AgentStep, CallStep } from "../src/workload/types.ts";

// Rule 5 per step: whole tokens, half up, from the exact factors. Expected counts are worked by
// hand in the comments.

const call: CallStep = { kind: "call", path: ["steps", 0], input: 1001, cachedInput: 3, cacheWrite: 5, output: 300, reasoning: 600, requests: 2, toolSeconds: 1, cacheTtl: "5m" };
const agent: AgentStep = {
  kind: "agent",
  path: ["agent"],
  system: 12001,
  turns: 25,
  perTurn: { input: 2001, output: 300, reasoning: 600, toolSeconds: 3 },
  caching: null,
  keepReasoning: false,
};
const f = (input: Fraction, output: Fraction, reasoning: Fraction, reasoningFromOutput: Fraction = ZERO): Factors => ({ input, output, reasoning, reasoningFromOutput });
const half = { num: 1n, den: 2n };

describe("scaling a step", () => {
  it("by one everywhere is the step itself (a comparison prices ~100 models on unscaled steps)", () => {
    expect(scaleCall(call, f(ONE, ONE, ONE), "m")).toBe(call);
    expect(scaleAgent(agent, f(ONE, ONE, ONE), "m")).toBe(agent);
  });

  it("adds the reasoning a model thinks per output token measured, even where every other factor is one", () => {
    // reasoning 600 + 300 × 1/2 = 750
    expect(scaleCall(call, f(ONE, ONE, ONE, half), "m")).toEqual({ ...call, reasoning: 750 });
    expect(scaleAgent(agent, f(ONE, ONE, ONE, half), "m")).toEqual({ ...agent, perTurn: { ...agent.perTurn, reasoning: 750 } });
  });

  it("drops reasoning where the factor is zero", () => {
    expect(scaleCall(call, f(ONE, ONE, ZERO), "m").reasoning).toBe(0);
    expect(scaleAgent(agent, f(ONE, ONE, ZERO), "m").perTurn.reasoning).toBe(0);
  });

  it("rounds each count half up: input × 1/2", () => {
    // 1001/2 = 500.5 → 501; 3/2 → 2; 5/2 → 3; 12001/2 → 6001; 2001/2 → 1001
    expect(scaleCall(call, f(half, ONE, ONE), "m")).toEqual({ ...call, input: 501, cachedInput: 2, cacheWrite: 3 });
    expect(scaleAgent(agent, f(half, ONE, ONE), "m")).toEqual({ ...agent, system: 6001, perTurn: { ...agent.perTurn, input: 1001 } });
  });

  it("scales output by its own factor: 300 × 1/2 = 150", () => {
    expect(scaleCall(call, f(ONE, half, ONE), "m").output).toBe(150);
    expect(scaleAgent(agent, f(ONE, half, ONE), "m").perTurn.output).toBe(150);
  });
});
