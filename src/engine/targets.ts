import { isTokencostError, TokencostError } from "../errors.ts";
import type { Effort } from "../names.ts";
import { statusAt } from "../pricing/lifecycle.ts";
import { priceModel, type ModelPricing } from "../pricing/price-at.ts";
import type { Model, Registry } from "../pricing/registry.ts";
import { formatPath, type JsonPath } from "../text.ts";
import { warning, type Warning } from "../warnings.ts";
import type { ModelPin, ReferencePin, Step, Workload } from "../workload/types.ts";
import { measuredEfforts, resolveEffort, scalingBetween, unscaled, type Scaling, type Side } from "./scaling.ts";
import type { Speed } from "./time.ts";

// Which model, at which effort, prices each step, and from which measured model its tokens
// scale: the first seam of an estimate. Lookups, refusals (retired models, unknown names) and
// the warnings about efforts happen here, once per combination.

export interface TargetOptions {
  /** YYYY-MM-DD: whose prices. */
  at: string;
  serviceTier?: string | undefined;
  allowRetired?: boolean | undefined;
  /** --effort: every priced model at this level (a model without it at its default). */
  effort?: Effort | undefined;
  /**
   * compare --effort all: the effort of one row, for the steps the default model prices (pinned
   * steps keep theirs); null is the model's own default, whatever the workload says.
   */
  defaultModelEffort?: Effort | null | undefined;
  /** --measured-on: where the workload's tokens were observed (replaces its own measuredOn). */
  measuredOn?: { name: string; effort?: Effort | undefined } | undefined;
  /** --same-tokens: price every model on the workload's own counts. */
  sameTokens?: boolean | undefined;
}

/** What a step inherits from the steps around it. */
export interface Scope {
  pin: ModelPin | undefined;
  /** The effort the workload says its calls run at here (null: the model's default). */
  effort: Effort | null | undefined;
  /** The nearest measuredOn at or above the step: where its tokens were measured, if declared… */
  declared: ReferencePin | undefined;
  /** …else the nearest pinned model (or the workload's own): the model they ran on. */
  ranOn: ReferencePin | undefined;
}

export interface Target {
  pricing: ModelPricing;
  scaling: Scaling;
  speed: Speed;
}

export class Targets {
  private readonly label: string;
  private readonly defaultModel: Model | undefined;
  private readonly defaultWhere: string;
  private readonly pricings = new Map<string, ModelPricing>();
  /** Made on the first pinned step: most workloads pin none, and a comparison makes ~100 Targets. */
  private pinned: Map<ModelPin, Model> | undefined;
  private readonly memo = new Map<string, Target>();
  private readonly notices: Warning[] = [];
  /** Every target in the order first used. */
  readonly used: Target[] = [];
  /** The first target of a step the default model prices (not a pinned one): the main scaling. */
  mainTarget: Target | undefined;

  constructor(
    private readonly workload: Workload,
    private readonly registry: Registry,
    model: string | undefined,
    private readonly options: TargetOptions,
  ) {
    this.label = workload.label ?? "workload";
    const name = model ?? workload.model?.name;
    this.defaultWhere = model === undefined && workload.model ? `${this.label}: model` : "";
    this.defaultModel = name === undefined ? undefined : registry.get(name, this.defaultWhere);
  }

  /** The scope of the workload's top step; --measured-on stands for a top-level measuredOn. */
  root(): Scope {
    const w = this.workload;
    const flag = this.options.measuredOn;
    const declared: ReferencePin | undefined = flag ? { name: flag.name, path: [], ...(flag.effort ? { effort: flag.effort } : {}) } : w.measuredOn;
    return { pin: undefined, effort: w.effort, declared, ranOn: w.model };
  }

  /**
   * The scope inside `step`. A declared measuredOn holds for everything below it (a deeper one
   * wins); without one, a step's tokens were measured where they ran: its pinned model.
   */
  enter(scope: Scope, step: Step): Scope {
    return {
      pin: step.model ?? scope.pin,
      effort: step.effort !== undefined ? step.effort : scope.effort,
      declared: step.measuredOn ?? scope.declared,
      ranOn: step.model ?? scope.ranOn,
    };
  }

  /** The model the workload runs on where no step pins another. */
  main(): Model {
    return this.defaultModel ?? this.pinned?.values().next().value!;
  }

  warnings(): Warning[] {
    const out = this.notices.slice();
    this.pricings.forEach((p) => {
      for (let i = 0; i < p.notices.length; i++) out.push(p.notices[i]!);
    });
    return out;
  }

  at(scope: Scope): Target {
    const where = scope.pin ? `${this.label}: ${formatPath(scope.pin.path)}` : this.defaultWhere;
    const model = this.candidate(scope.pin);
    const stepEffort = scope.effort ?? undefined;
    const row = scope.pin === undefined ? this.options.defaultModelEffort : undefined;
    const requested = row === null ? undefined : (row ?? this.options.effort ?? stepEffort);
    const ref = this.options.sameTokens ? undefined : (scope.declared ?? scope.ranOn);
    const refModel = ref ? this.lookup(ref.name, ref.path) : undefined;
    // A measuredOn effort of null is the reference's default, whatever the workload says.
    const refRequested = ref?.effort === null ? undefined : (ref?.effort ?? stepEffort);
    const key = [model.id, requested, refModel?.id, refRequested].join("\u0000");
    let target = this.memo.get(key);
    if (!target) target = this.resolve(model, where, requested, refModel, refRequested, key);
    if (scope.pin === undefined) this.mainTarget ??= target;
    return target;
  }

  private resolve(model: Model, where: string, requested: Effort | undefined, refModel: Model | undefined, refRequested: Effort | undefined, key: string): Target {
    const cand: Side = { model, effort: this.effortOf(model, requested, "priced") };
    let scaling: Scaling;
    if (this.options.sameTokens) scaling = unscaled("same-tokens", cand);
    else if (!refModel) scaling = unscaled("no-reference", cand);
    else scaling = scalingBetween({ model: refModel, effort: this.effortOf(refModel, refRequested, "measured") }, cand, this.registry.benchmarks);
    const target = { pricing: this.priced(model, where), scaling, speed: speedAt(model, cand.effort) };
    this.memo.set(key, target);
    this.used.push(target);
    return target;
  }

  /**
   * compare --effort all: the efforts at which `candidate` was measured comparably with where
   * the workload's own (top-level) tokens were measured; empty when nothing scales.
   */
  effortsToCompare(candidate: Model): (Effort | null)[] {
    const root = this.root();
    const ref = this.options.sameTokens ? undefined : (root.declared ?? root.ranOn);
    if (!ref) return [];
    const model = this.lookup(ref.name, ref.path);
    const requested = ref.effort === null ? undefined : (ref.effort ?? root.effort ?? undefined);
    return measuredEfforts({ model, effort: resolveEffort(model, requested).effort }, candidate);
  }

  private candidate(pin: ModelPin | undefined): Model {
    if (pin === undefined) {
      if (!this.defaultModel) {
        throw new TokencostError("NO_MODEL", `${this.label}: no model to price it on — pass --model ID, or add "model" to the workload`);
      }
      return this.defaultModel;
    }
    this.pinned ??= new Map();
    let m = this.pinned.get(pin);
    if (!m) {
      m = this.lookup(pin.name, pin.path);
      this.pinned.set(pin, m);
    }
    return m;
  }

  private lookup(name: string, path: JsonPath): Model {
    return this.registry.get(name, path.length ? `${this.label}: ${formatPath(path)}` : "--measured-on");
  }

  private priced(m: Model, where: string): ModelPricing {
    let p = this.pricings.get(m.id);
    if (p) return p;
    const prefix = where ? `${where}: ` : "";
    if (statusAt(m, this.options.at) === "retired" && !this.options.allowRetired) {
      const instead = m.replacement ? ` — its replacement is ${m.replacement}` : "";
      throw new TokencostError(
        "RETIRED",
        `${prefix}${m.id} was retired${m.deprecationDate ? ` on ${m.deprecationDate}` : ""}${instead}`,
        "pass --allow-retired to price it anyway",
      );
    }
    try {
      p = priceModel(m, { at: this.options.at, serviceTier: this.options.serviceTier ?? this.workload.serviceTier });
    } catch (e) {
      if (isTokencostError(e)) throw new TokencostError(e.code, `${prefix}${e.message}`, e.hint);
      throw e;
    }
    this.pricings.set(m.id, p);
    return p;
  }

  /** resolveEffort, with its problem as a warning that names the levels on record. */
  private effortOf(m: Model, requested: Effort | undefined, role: "priced" | "measured"): Effort | null {
    const r = resolveEffort(m, requested);
    if (r.problem) {
      const tail = m.usage?.reasons === false ? "" : `: ${role === "priced" ? "priced" : "read as measured"} at its default effort${r.effort ? ` (${r.effort})` : ""}`;
      this.notices.push({ ...warning("EFFORT", `${r.problem}${tail}`, m.id), detail: r.levels! });
    }
    return r.effort;
  }
}

/** compare --effort all, for one candidate model (see Targets.effortsToCompare). */
export const effortsToCompare = (workload: Workload, registry: Registry, candidate: Model, options: TargetOptions): (Effort | null)[] =>
  new Targets(workload, registry, candidate.id, options).effortsToCompare(candidate);

/** Rule 6: a model runs at the speed measured at its effort, where there is one, else at its own. */
export function speedAt(m: Model, effort: Effort | null): Speed {
  const base = { outputTokensPerSecond: m.speed?.outputTokensPerSecond ?? null, timeToFirstTokenSeconds: m.speed?.timeToFirstTokenSeconds ?? null };
  const at = effort ? m.usage?.speedByEffort?.[effort] : undefined;
  if (!at) return base;
  return {
    outputTokensPerSecond: at.outputTokensPerSecond ?? base.outputTokensPerSecond,
    timeToFirstTokenSeconds: at.timeToFirstTokenSeconds ?? base.timeToFirstTokenSeconds,
  };
}
