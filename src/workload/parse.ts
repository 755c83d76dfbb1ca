import { z } from "zod";
import { SERVICE_TIER_HINT, SERVICE_TIER_NAME } from "../names.ts";
import { TokencostError } from "../errors.ts";
import { parseJson } from "../read.ts";
import { formatPath, type JsonPath } from "../text.ts";
import { allKeys, zodFailure } from "../validation.ts";
import type { Budget, CacheTtl, CallStep, ReferencePin, Runs, Step, Workload } from "./types.ts";
import { parseCount, parseDuration, parseEffort, parseFraction, parseReference, parseTokenCount, parseUsd, type Reference } from "./values.ts";

// A hand-written walk picks each step's form by its keys (agent / parallel / repeat / steps /
// else a call) and zod validates each object against that form's strict schema. Dispatching
// by hand keeps messages about one form at a time and bounds the depth of recursion.
//
// A workload may hold hundreds of thousands of calls (8 MB of `{"input":10}` is 600,000), so a
// step must cost bytes (issue 8 B2): a plain call that a hand check accepts skips zod, whose
// per-object work made most of the garbage; anything the hand check doubts goes through zod, so
// every message still comes from the schema. Paths are built at their exact size (a spread
// array literal reserves three times the room), and every call has the same shape.

export const MAX_DEPTH = 64;

const fromParser = <T>(parse: (v: unknown) => T) =>
  z.unknown().transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // the parsers' way of saying "not a valid value"
      ctx.addIssue({ code: "custom", message: e.message });
      return z.NEVER;
    }
  });

const tokens = fromParser(parseTokenCount).optional();
const seconds = fromParser(parseDuration).optional();
const modelName = z.string().trim().min(1, "a model name cannot be empty").optional();
const stepName = z.string().optional();
const ttl = z.enum(["5m", "1h"]);
// null: the model's default effort (a step may say so inside one that names another).
const effort = fromParser((v) => (v === null ? null : parseEffort(v))).optional();
// "model", "model@effort" or {"model", "effort"}: the string forms become the object.
const measuredOn = z
  .preprocess(
    (value, ctx) => {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
      try {
        return parseReference(value);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        ctx.addIssue({ code: "custom", message: e.message });
        return z.NEVER;
      }
    },
    z.strictObject({ model: z.string().trim().min(1, "a model name cannot be empty"), effort }),
  )
  .optional();
// Every step may say at what effort it runs and where its tokens were measured.
const stepKeys = { model: modelName, name: stepName, effort, measuredOn };

const callSchema = z.strictObject({
  input: tokens,
  cachedInput: tokens,
  cacheWrite: tokens,
  output: tokens,
  reasoning: tokens,
  requests: fromParser((v) => parseCount(v, "requests")).optional(),
  toolSeconds: seconds,
  cacheTtl: ttl.optional(),
  ...stepKeys,
});
const TOKEN_KEYS = ["input", "cachedInput", "cacheWrite", "output", "reasoning"] as const;

const cachingSchema = z.preprocess(
  (v) => (v === true ? {} : v === false ? null : v),
  z
    .strictObject({
      hitRate: fromParser(parseFraction).optional(),
      warmSystem: z.boolean().optional(),
      ttl: ttl.optional(),
    })
    .nullable(),
);

const agentSchema = z.strictObject({
  agent: z.strictObject({
    system: tokens,
    turns: fromParser((v) => parseCount(v, "turns")),
    perTurn: z.strictObject({ input: tokens, output: tokens, reasoning: tokens, toolSeconds: seconds }),
    caching: cachingSchema.optional(),
    keepReasoning: z.boolean().optional(),
  }),
  ...stepKeys,
});

const listOf = (what: string) => z.array(z.unknown()).min(1, `${what} needs at least one step`);
const parallelSchema = z.strictObject({ parallel: listOf("parallel"), ...stepKeys });
const repeatSchema = z.strictObject({
  repeat: fromParser((v) => parseCount(v, "repeats")),
  steps: listOf("repeat"),
  ...stepKeys,
});
const sequenceSchema = z.strictObject({ steps: listOf("steps"), ...stepKeys });

const metaSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().trim().min(1).optional(),
  description: z.string().optional(),
  model: modelName,
  effort,
  measuredOn,
  runs: z
    .strictObject({
      count: fromParser((v) => parseCount(v, "runs")),
      per: z.enum(["day", "month"]),
    })
    .optional(),
  serviceTier: z.string().regex(SERVICE_TIER_NAME, SERVICE_TIER_HINT).optional(),
  batch: z.boolean().optional(),
  budget: z
    .strictObject({
      usdPerRun: fromParser(parseUsd).optional(),
      secondsPerRun: seconds,
      usdPerMonth: fromParser(parseUsd).optional(),
    })
    .optional(),
});

const META_KEYS = Object.keys(metaSchema.shape);
const FORM_KEYS = ["agent", "parallel", "repeat", "steps"];
const ALL_KEYS = allKeys(callSchema, agentSchema, parallelSchema, repeatSchema, sequenceSchema, metaSchema);
/** A typo in a step object may have meant any form's key ("agnet"). */
const STEP_CANDIDATES = [...FORM_KEYS, ...Object.keys(callSchema.shape)];

export interface ParseOptions {
  /** Names the source in messages: a file path, "stdin", "preset coding-agent". */
  label: string;
  /** Used when the workload has no "name". */
  defaultName: string;
}

export function parseWorkloadText(text: string, options: ParseOptions): Workload {
  if (text.trim() === "") throw new TokencostError("WORKLOAD", `${options.label}: empty workload`);
  const data = parseJson(text, options.label);
  // Up to 8 MB of text need not live on beside the steps built from it (a caller that passes
  // the text straight in holds no other reference).
  text = "";
  return parseWorkload(data, options);
}

export function parseWorkload(data: unknown, options: ParseOptions): Workload {
  const { label } = options;
  const obj = asObject(data, [], label, "a workload is a JSON object");
  // model and name belong to the workload, not to the step at its top. Object.fromEntries
  // defines keys as data, so a "__proto__" key stays a key (and is then reported as unknown).
  const isMeta = (k: string) => META_KEYS.includes(k);
  const entries = Object.entries(obj);
  const meta = Object.fromEntries(entries.filter(([k]) => isMeta(k)));
  const form = Object.fromEntries(entries.filter(([k]) => !isMeta(k)));

  const m = checked(metaSchema, meta, [], label);
  if (Object.keys(form).length === 0) {
    throw new TokencostError(
      "WORKLOAD",
      `${label}: the workload describes no work — give call tokens (input, output, …), an "agent" or "steps"`,
    );
  }
  if (m.batch === true && m.serviceTier !== undefined && m.serviceTier !== "batch") {
    throw new TokencostError("WORKLOAD", `${label}: batch: true contradicts serviceTier "${m.serviceTier}"`);
  }
  const root = parseStep(form, [], label, 0, META_KEYS);
  const workload: Workload = { name: m.name ?? options.defaultName, label, root };
  if (m.description !== undefined) workload.description = m.description;
  if (m.model !== undefined) workload.model = { name: m.model, path: ["model"] };
  if (m.effort !== undefined) workload.effort = m.effort;
  if (m.measuredOn !== undefined) workload.measuredOn = referencePin(m.measuredOn, ["measuredOn"]);
  if (m.runs !== undefined) workload.runs = m.runs as Runs;
  const tier = m.serviceTier ?? (m.batch ? "batch" : undefined);
  if (tier !== undefined) workload.serviceTier = tier;
  if (m.budget !== undefined) workload.budget = m.budget as Budget;
  return workload;
}

function parseStep(value: unknown, path: JsonPath, label: string, depth: number, topKeys: readonly string[] = []): Step {
  if (depth > MAX_DEPTH) {
    throw new TokencostError("WORKLOAD", `${label}: ${shortPath(path)}: steps are nested more than ${MAX_DEPTH} levels deep`);
  }
  const obj = asObject(value, path, label, "a step is a JSON object (a call, an agent, parallel, repeat or steps)");
  if (!("agent" in obj || "parallel" in obj || "repeat" in obj || "steps" in obj)) {
    const fast = plainCall(obj, path);
    if (fast) return fast;
  }
  // A step object takes its form's keys (and, at the top, the workload's).
  const check = <S extends z.ZodType>(schema: S) => checked(schema, obj, path, label, topKeys, STEP_CANDIDATES);
  const list = (key: string, items: unknown[]) => items.map((b, i) => parseStep(b, childPath(path, key, i), label, depth + 1));

  if ("agent" in obj) {
    const s = check(agentSchema);
    const a = s.agent;
    const caching = a.caching
      ? { hitRate: a.caching.hitRate ?? { num: 1n, den: 1n }, warmSystem: a.caching.warmSystem ?? false, ttl: a.caching.ttl ?? "5m" }
      : null;
    const step: Step = {
      kind: "agent",
      path,
      system: a.system ?? 0,
      turns: a.turns,
      perTurn: {
        input: a.perTurn.input ?? 0,
        output: a.perTurn.output ?? 0,
        reasoning: a.perTurn.reasoning ?? 0,
        toolSeconds: a.perTurn.toolSeconds ?? 0,
      },
      caching,
      keepReasoning: a.keepReasoning ?? false,
    };
    return withCommon(step, s);
  }
  if ("parallel" in obj) {
    const s = check(parallelSchema);
    return withCommon({ kind: "parallel", path, branches: list("parallel", s.parallel) }, s);
  }
  if ("repeat" in obj) {
    const s = check(repeatSchema);
    return withCommon({ kind: "sequence", path, repeat: s.repeat, steps: list("steps", s.steps) }, s);
  }
  if ("steps" in obj) {
    const s = check(sequenceSchema);
    return withCommon({ kind: "sequence", path, repeat: 1, steps: list("steps", s.steps) }, s);
  }
  const s = check(callSchema);
  if (!TOKEN_KEYS.some((k) => s[k] !== undefined)) {
    throw new TokencostError(
      "WORKLOAD",
      `${label}: ${formatPath(path)}: a call needs tokens — give at least one of ${TOKEN_KEYS.join(", ")}`,
    );
  }
  return withCommon(callStep(path, s), s);
}

/** `path` + key + index, allocated at its exact length. */
const childPath = (path: JsonPath, key: string, index: number): JsonPath => path.concat(key, index);

type CallFields = { [K in (typeof TOKEN_KEYS)[number] | "requests" | "toolSeconds"]?: number | undefined } & { cacheTtl?: CacheTtl | undefined };

/** Every call step has one shape (pins are added after it), so that V8 stores them alike and small. */
function callStep(path: JsonPath, f: CallFields): CallStep {
  return {
    kind: "call",
    path,
    input: f.input ?? 0,
    cachedInput: f.cachedInput ?? 0,
    cacheWrite: f.cacheWrite ?? 0,
    output: f.output ?? 0,
    reasoning: f.reasoning ?? 0,
    requests: f.requests ?? 1,
    toolSeconds: f.toolSeconds ?? 0,
    cacheTtl: f.cacheTtl ?? "5m",
  };
}

interface Common {
  model?: string | undefined;
  name?: string | undefined;
  effort?: Reference["effort"] | null;
  measuredOn?: Reference | undefined;
}

/** What every form shares: a pinned model, a name, an effort, where its tokens were measured. */
function withCommon<T extends Step>(step: T, s: Common): T {
  if (s.model !== undefined) step.model = { name: s.model, path: step.path.concat("model") };
  if (s.name !== undefined) step.name = s.name;
  if (s.effort !== undefined) step.effort = s.effort;
  if (s.measuredOn !== undefined) step.measuredOn = referencePin(s.measuredOn, step.path.concat("measuredOn"));
  return step;
}

/**
 * A call the hand check accepts as valid, read as zod reads it; undefined for anything else
 * (an unknown key, a value a parser refuses, no tokens, a measuredOn), which zod then reports.
 */
function plainCall(obj: Record<string, unknown>, path: JsonPath): CallStep | undefined {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const f: CallFields = {};
  const common: Common = {};
  try {
    for (const key in obj) {
      const v = obj[key];
      if (v === undefined) return undefined;
      switch (key) {
        case "input":
        case "cachedInput":
        case "cacheWrite":
        case "output":
        case "reasoning":
          f[key] = parseTokenCount(v);
          break;
        case "requests":
          f.requests = parseCount(v, "requests");
          break;
        case "toolSeconds":
          f.toolSeconds = parseDuration(v);
          break;
        case "cacheTtl":
          if (v !== "5m" && v !== "1h") return undefined;
          f.cacheTtl = v;
          break;
        case "model":
          // z.string().trim().min(1)
          if (typeof v !== "string" || v.trim() === "") return undefined;
          common.model = v.trim();
          break;
        case "name":
          if (typeof v !== "string") return undefined;
          common.name = v;
          break;
        case "effort":
          common.effort = v === null ? null : parseEffort(v);
          break;
        default:
          return undefined;
      }
    }
  } catch (e) {
    if (e instanceof RangeError) return undefined; // a value zod refuses, with this message
    throw e;
  }
  if (!TOKEN_KEYS.some((k) => f[k] !== undefined)) return undefined;
  return withCommon(callStep(path, f), common);
}

function referencePin(r: Reference, path: JsonPath): ReferencePin {
  return r.effort === undefined ? { name: r.model, path } : { name: r.model, effort: r.effort, path };
}

function asObject(value: unknown, path: JsonPath, label: string, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new TokencostError("WORKLOAD", `${label}: ${formatPath(path)}: ${what}, got ${got}`);
  }
  return value as Record<string, unknown>;
}

function checked<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: JsonPath,
  label: string,
  rootKeys: readonly string[] = [],
  rootCandidates: readonly string[] = [],
): z.output<S> {
  const r = schema.safeParse(value, { reportInput: true });
  if (!r.success) throw zodFailure("WORKLOAD", label, r.error, { schema, elsewhere: ALL_KEYS, basePath: path, rootKeys, rootCandidates });
  return r.data;
}

/** Deep paths are shortened in the middle: the ends say where. */
function shortPath(path: JsonPath): string {
  const full = formatPath(path);
  return full.length > 120 ? `${full.slice(0, 50)}…${full.slice(-60)}` : full;
}
