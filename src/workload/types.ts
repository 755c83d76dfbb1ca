import type { Effort } from "../names.ts";
import type { JsonPath } from "../text.ts";
import type { Ratio } from "./values.ts";

// A workload after validation: every count a whole number, every default filled in, every
// step tagged with its kind and the JSON path it came from (for messages about it later).

export type CacheTtl = "5m" | "1h";

export interface ModelPin {
  name: string;
  path: JsonPath;
}

/** The model (and effort) on which token counts were observed (SPEC §8). */
export interface ReferencePin extends ModelPin {
  /** null: the reference's default effort, whatever the workload's effort. */
  effort?: Effort | null;
}

interface StepBase {
  path: JsonPath;
  /** A model pinned here applies to this step and everything inside it. */
  model?: ModelPin;
  name?: string;
  /** The reasoning effort the calls here run at (null: the model's default); inherited inward. */
  effort?: Effort | null;
  /** Where this step's token counts were measured; inherited by everything inside. */
  measuredOn?: ReferencePin;
}

export interface CallStep extends StepBase {
  kind: "call";
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  requests: number;
  toolSeconds: number;
  cacheTtl: CacheTtl;
}

export interface Caching {
  hitRate: Ratio;
  warmSystem: boolean;
  ttl: CacheTtl;
}

export interface AgentStep extends StepBase {
  kind: "agent";
  system: number;
  turns: number;
  perTurn: { input: number; output: number; reasoning: number; toolSeconds: number };
  caching: Caching | null;
  keepReasoning: boolean;
}

export interface ParallelStep extends StepBase {
  kind: "parallel";
  branches: Step[];
}

export interface SequenceStep extends StepBase {
  kind: "sequence";
  repeat: number;
  steps: Step[];
}

export type Step = CallStep | AgentStep | ParallelStep | SequenceStep;

export interface Runs {
  count: number;
  per: "day" | "month";
}

export interface Budget {
  usdPerRun?: number;
  secondsPerRun?: number;
  usdPerMonth?: number;
}

export interface Workload {
  name: string;
  /** Where it came from, for messages: a file path, "stdin", "preset coding-agent". */
  label?: string;
  description?: string;
  model?: ModelPin;
  /** The reasoning effort the calls run at, where no step says otherwise (null: each model's default). */
  effort?: Effort | null;
  /** Where the token counts were measured (default: `model` at `effort`). */
  measuredOn?: ReferencePin;
  runs?: Runs;
  serviceTier?: string;
  budget?: Budget;
  root: Step;
}
