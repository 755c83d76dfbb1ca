import { isoDay } from "../dates.ts";
import { Decimal } from "../decimal.ts";
import { bandFor } from "../engine/agent.ts";
import { isOne, scaleCount, scaleSum } from "../engine/fraction.ts";
import { resolveEffort, scalingBetween, spendsNoReasoning, unscaled, type Scaling } from "../engine/scaling.ts";
import { lifecycleNotices } from "../pricing/lifecycle.ts";
import { hasServiceTier, priceModel, type ModelPricing } from "../pricing/price-at.ts";
import type { Model, Registry } from "../pricing/registry.ts";
import { warning, type Warning } from "../warnings.ts";
import { KeySet } from "./key-set.ts";
import { ModelNames } from "./model-ids.ts";
import { addCounts, promptOf, type Counts, type UsageRecord } from "./record.ts";

// Records in, sums out: de-duplicated across every file, grouped, and bucketed by the rates
// that price them (model, day, service tier, long-context band) so that money is computed once
// per bucket from whole-token sums (SPEC §3). Memory grows with keys, groups and buckets, never
// with the records themselves — except the records whose keep rule must see a later snapshot,
// held until the end.

export type GroupBy = "model" | "day" | "provider" | "file";

export interface TallyOptions {
  registry: Registry;
  by: GroupBy;
  /** Price every record on this day; else on its own day (records without one: `today`). */
  at?: string | undefined;
  today: string;
  whatIf?: readonly Model[];
  sameTokens?: boolean;
  /** Keep per-session turns for --calibrate --agent. */
  sessions?: boolean;
}

export type { Counts };
const zero = (): Counts => ({ input: 0, cachedInput: 0, cacheWrite: 0, cacheWrite1h: 0, output: 0, reasoning: 0 });

export interface Bucket {
  pricing: ModelPricing;
  band: number;
  tokens: Counts;
}

export interface Group {
  key: string;
  models: Set<string>;
  rawModels: Set<string>;
  records: number;
  tokens: Counts;
  /** Records (and their tokens) of models the registry does not know. */
  unpriced: { records: number; tokens: Counts };
  buckets: Map<number, Bucket>;
  reported: { records: number; usd: Decimal };
  /** The reported cost of the records that also have a computed one, for the difference. */
  reportedPriced: Decimal;
  first: number | null;
  last: number | null;
}

export interface WhatIf {
  from: Model;
  to: Model;
  scaling: Scaling;
  records: number;
  tokens: Counts;
  buckets: Map<number, Bucket>;
}

export interface Turn {
  time: number;
  prompt: number;
  cachedInput: number;
  cacheWrite: number;
  cacheWrite1h: number;
  output: number;
  reasoning: number;
}

export interface SpeedSamples {
  tokensPerSecond: number[];
  ttftSeconds: number[];
}

export class Tally {
  records = 0;
  duplicates = 0;
  readonly groups = new Map<string, Group>();
  /** The same records by registry model, whatever the grouping: what-if, calibration and speed read these. */
  readonly byModel = new Map<string, Group>();
  readonly whatIfs = new Map<string, WhatIf>();
  readonly speed = new Map<string, SpeedSamples>();
  readonly sessions = new Map<string, { model: string; turns: Turn[] }>();
  readonly tiersSeen = new Map<string, Map<string, number>>();
  readonly warnings = new Map<string, Warning>();
  clamped = 0;
  /** Records with cache-storage charges, and their tokens. */
  storage = { records: 0, tokens: 0 };

  private readonly keys = new KeySet();
  /** Keys of records kept by their largest snapshot, with what the counted one spent. */
  private readonly snapshots = new KeySet(true);
  /** Records waiting for a later snapshot, oldest first (a Map keeps insertion order). */
  private readonly held = new Map<string, UsageRecord>();
  private readonly names: ModelNames;
  private readonly pricings = new Map<Model, Map<string, ModelPricing>>();
  private readonly pricingIds = new Map<ModelPricing, number>();
  private readonly days = new Map<number, string>();
  private readonly scalings = new Map<string, Scaling>();

  constructor(private readonly options: TallyOptions) {
    this.names = new ModelNames(options.registry);
  }

  add(r: UsageRecord): void {
    const key = r.key;
    if (key === null) return this.count(r);
    const prev = this.held.get(key);
    const counted = r.keep === "largest-output" ? this.snapshots : this.keys;
    if (r.keep === "first") {
      // A message met whole after its stream (held) is the same message.
      if (prev === undefined && this.keys.add(key)) this.count(r);
      else this.duplicates++;
      return;
    }
    if (prev !== undefined) {
      this.duplicates++;
      // Claude Code: the snapshot with the most output, a later line winning ties; streams: the last.
      if (r.keep === "last" || spentOf(r) >= spentOf(prev)) {
        this.held.delete(key);
        this.held.set(key, r);
      }
      return;
    }
    const before = counted.spentBy(key);
    if (before >= 0) {
      this.duplicates++;
      // A larger snapshot of a response counted already (its first rows were more than HELD
      // records back): its input fields are the same in every snapshot, so what it adds is
      // the further output, counted as a correction of the same response.
      if (r.keep === "largest-output" && spentOf(r) > before) {
        counted.setSpent(key, spentOf(r));
        this.countCorrection(r, before);
      }
      return;
    }
    this.held.set(key, r);
    if (this.held.size > HELD) this.release(this.held.keys().next().value!);
  }

  /**
   * A held record is counted once HELD newer ones have come: snapshots of one response follow
   * each other within a few lines, and holding every response of a million-line log until its end
   * would make memory grow with the log. A copy met later (a resumed session's replayed rows)
   * is then a duplicate of what was counted, and a larger one a correction.
   */
  private release(key: string): void {
    const r = this.held.get(key)!;
    this.held.delete(key);
    (r.keep === "largest-output" ? this.snapshots : this.keys).add(key, spentOf(r));
    this.count(r);
  }

  private say(code: Warning["code"], message: string, model?: string): void {
    this.keep(warning(code, message, model));
  }

  /** A warning once per message. */
  private keep(w: Warning): void {
    if (!this.warnings.has(w.message)) this.warnings.set(w.message, w);
  }

  /** The output a later, larger snapshot adds to a counted response (not a new record). */
  private countCorrection(r: UsageRecord, counted: number): void {
    const extra = spentOf(r) - counted;
    const reasoning = Math.min(r.reasoning, extra);
    // Priced in the band of the response's own prompt, not of an empty one.
    this.count({ ...r, parts: undefined, bandPrompt: promptOf(r), input: 0, cachedInput: 0, cacheWrite: 0, cacheWrite1h: 0, cacheStorage: 0, output: extra - reasoning, reasoning, reportedUsd: null, durationMs: null, ttftMs: null, session: null }, true);
  }

  /** Counts what waited for a later snapshot. Call once, after the last record. */
  finish(): void {
    for (const key of [...this.held.keys()]) this.release(key);
  }

  private count(r: UsageRecord, correction = false): void {
    if (r.parts) {
      // Each step priced at its own model and band; the message is one record per model it ran on.
      const models = new Set<string | null>();
      for (const p of r.parts) {
        const model = p.model ?? r.model;
        this.count({ ...r, ...p, model, parts: undefined }, correction || models.has(model));
        models.add(model);
      }
      return;
    }
    if (!correction) this.records++;
    if (r.clamped) this.clamped++;
    if (r.cacheStorage > 0) {
      this.storage.records++;
      this.storage.tokens += r.cacheStorage;
    }
    const model = r.model === null ? null : this.names.resolve(r.model);
    const day = this.day(r.time);
    const group = this.group(this.groups, this.groupKey(r, model, day));
    this.into(group, r, model, day, correction);
    if (this.options.by !== "model") this.into(this.group(this.byModel, model ? model.id : r.model ?? "(no model)"), r, model, day, correction);
    if (!model) return;
    const tiers = this.tiersFor(model, r.tiers);
    if (tiers.length) {
      const seen = this.tiersSeen.get(model.id) ?? new Map<string, number>();
      const label = tiers.join("+");
      seen.set(label, (seen.get(label) ?? 0) + 1);
      this.tiersSeen.set(model.id, seen);
    }
    this.sample(model.id, r);
    if (this.options.sessions && r.session !== null && r.time !== null) {
      const s = this.sessions.get(r.session) ?? { model: model.id, turns: [] };
      s.turns.push({ time: r.time, prompt: promptOf(r), cachedInput: r.cachedInput, cacheWrite: r.cacheWrite, cacheWrite1h: r.cacheWrite1h, output: r.output, reasoning: r.reasoning });
      this.sessions.set(r.session, s);
    }
    for (const to of this.options.whatIf ?? []) this.whatIf(model, to, r, day, tiers, correction);
  }

  private groupKey(r: UsageRecord, model: Model | null, day: string | null): string {
    switch (this.options.by) {
      case "model":
        return model ? model.id : r.model ?? "(no model)";
      case "day":
        return day ?? "(no date)";
      case "provider":
        return model?.provider ?? r.provider?.toLowerCase() ?? "(unknown)";
      case "file":
        return r.file;
    }
  }

  private group(map: Map<string, Group>, key: string): Group {
    let g = map.get(key);
    if (!g) {
      g = {
        key,
        models: new Set(),
        rawModels: new Set(),
        records: 0,
        tokens: zero(),
        unpriced: { records: 0, tokens: zero() },
        buckets: new Map(),
        reported: { records: 0, usd: Decimal.ZERO },
        reportedPriced: Decimal.ZERO,
        first: null,
        last: null,
      };
      map.set(key, g);
    }
    return g;
  }

  private into(g: Group, r: UsageRecord, model: Model | null, day: string | null, correction: boolean): void {
    if (!correction) g.records++;
    addCounts(g.tokens, r);
    if (r.model !== null && g.rawModels.size < 50) g.rawModels.add(r.model);
    if (r.time !== null) {
      if (g.first === null || r.time < g.first) g.first = r.time;
      if (g.last === null || r.time > g.last) g.last = r.time;
    }
    const reported = r.reportedUsd === null ? null : Decimal.from(r.reportedUsd);
    if (reported) {
      g.reported.records++;
      g.reported.usd = g.reported.usd.add(reported);
    }
    if (!model) {
      if (!correction) g.unpriced.records++;
      addCounts(g.unpriced.tokens, r);
      return;
    }
    g.models.add(model.id);
    if (reported) g.reportedPriced = g.reportedPriced.add(reported);
    const pricing = this.pricing(model, this.options.at ?? day ?? this.options.today, this.tiersFor(model, r.tiers));
    const band = bandOf(pricing, r.bandPrompt ?? promptOf(r));
    addCounts(this.bucket(g.buckets, pricing, band).tokens, r);
  }

  /** The record's service tiers that the model has; the others are said once and priced as standard. */
  private tiersFor(model: Model, tiers: readonly string[]): string[] {
    if (tiers.length === 0) return EMPTY;
    const ok = tiers.filter((t) => hasServiceTier(model, t));
    for (const t of tiers) {
      if (ok.includes(t)) continue;
      const message = `${model.id}: logged at service tier "${t}", which the registry does not list for it; priced without it`;
      this.say("SERVICE_TIER_UNKNOWN", message, model.id);
    }
    return ok;
  }

  /** Rates on a day at a tier combination (multipliers multiply: fast × us-only), remembered. */
  private pricing(model: Model, day: string, tiers: readonly string[]): ModelPricing {
    let byDay = this.pricings.get(model);
    if (!byDay) this.pricings.set(model, (byDay = new Map()));
    const key = tiers.length === 0 ? day : `${day}\u0000${tiers.join("+")}`;
    let p = byDay.get(key);
    if (!p) {
      p = priceModel(model, { at: day, serviceTier: tiers[0] });
      for (const t of tiers.slice(1)) p = { ...p, multiplier: p.multiplier.mul(Decimal.from(model.serviceTiers![t]!)), serviceTier: `${p.serviceTier}+${t}` };
      for (const w of p.notices) if (KEPT_NOTICES.has(w.code)) this.keep(w);
      if (model.serviceTiers?.peak !== undefined) {
        const message = `${model.id}: priced at its off-peak rate; at peak hours it costs ×${model.serviceTiers.peak} (the log does not say which hours its calls ran in)`;
        this.say("PEAK_HOURS", message, model.id);
      }
      this.pricingIds.set(p, this.pricingIds.size);
      byDay.set(key, p);
    }
    return p;
  }

  /** The bucket of these rates and band in a group, keyed by the rates' id: no string per record. */
  private bucket(buckets: Map<number, Bucket>, pricing: ModelPricing, band: number): Bucket {
    const key = this.pricingIds.get(pricing)! * 64 + band;
    let b = buckets.get(key);
    if (!b) {
      b = { pricing, band, tokens: zero() };
      buckets.set(key, b);
    }
    return b;
  }

  /** "2026-11-28" for an epoch time, remembered per day: logs hold many records a day. */
  private day(time: number | null): string | null {
    if (time === null) return null;
    const n = Math.floor(time / 86_400_000);
    let d = this.days.get(n);
    if (d === undefined) {
      d = isoDay(new Date(time));
      this.days.set(n, d);
    }
    return d;
  }

  private sample(model: string, r: UsageRecord): void {
    if (r.ttftMs === null && r.durationMs === null) return;
    const s = this.speed.get(model) ?? { tokensPerSecond: [], ttftSeconds: [] };
    if (r.ttftMs !== null) s.ttftSeconds.push(r.ttftMs / 1000);
    // Generation time is the whole request less the wait for the first token; without the
    // latter, the rate would be understated, so there is no sample.
    if (r.ttftMs !== null && r.durationMs !== null && r.durationMs > r.ttftMs && r.output + r.reasoning > 0) {
      s.tokensPerSecond.push((r.output + r.reasoning) / ((r.durationMs - r.ttftMs) / 1000));
    }
    this.speed.set(model, s);
  }

  private whatIf(from: Model, to: Model, r: UsageRecord, day: string | null, tiers: readonly string[], correction: boolean): void {
    const id = `${from.id}\u0000${to.id}`;
    let w = this.whatIfs.get(id);
    if (!w) {
      w = { from, to, scaling: this.scaling(from, to), records: 0, tokens: zero(), buckets: new Map() };
      this.whatIfs.set(id, w);
      // A target is a choice ahead: its shutdown or preview status on the pricing date matters.
      for (const n of lifecycleNotices(to, this.options.at ?? this.options.today)) this.say(n.code, `--what-if ${n.message}`, to.id);
    }
    const f = w.scaling.point;
    const scaled: Counts = {
      input: isOne(f.input) ? r.input : scaleCount(r.input, f.input),
      cachedInput: isOne(f.input) ? r.cachedInput : scaleCount(r.cachedInput, f.input),
      cacheWrite: isOne(f.input) ? r.cacheWrite : scaleCount(r.cacheWrite, f.input),
      cacheWrite1h: isOne(f.input) ? r.cacheWrite1h : scaleCount(r.cacheWrite1h, f.input),
      output: isOne(f.output) ? r.output : scaleCount(r.output, f.output),
      reasoning: scaleSum(r.reasoning, f.reasoning, r.output, f.reasoningFromOutput),
    };
    if (!correction) w.records++;
    addCounts(w.tokens, scaled);
    const onTarget = tiers.filter((t) => hasServiceTier(to, t));
    for (const t of tiers) if (!onTarget.includes(t)) this.say("SERVICE_TIER_UNKNOWN", `--what-if ${to.id}: records logged at service tier "${t}" are priced on it at standard (it has no "${t}" tier)`, to.id);
    if (w.scaling.kind === "same-tokens" && spendsNoReasoning({ model: to, effort: w.scaling.candidate.effort }) && scaled.reasoning > 0) {
      this.say("REASONING_KEPT", `--what-if ${to.id}: it does not reason, but --same-tokens bills it the logged reasoning tokens`, to.id);
    }
    const at = this.options.at ?? day ?? this.options.today;
    const pricing = this.pricing(to, at, onTarget);
    const prompt = scaled.input + scaled.cachedInput + scaled.cacheWrite + scaled.cacheWrite1h;
    const band = bandOf(pricing, r.bandPrompt === undefined ? prompt : isOne(f.input) ? r.bandPrompt : scaleCount(r.bandPrompt, f.input));
    addCounts(this.bucket(w.buckets, pricing, band).tokens, scaled);
  }

  private scaling(from: Model, to: Model): Scaling {
    const id = `${from.id}\u0000${to.id}`;
    let s = this.scalings.get(id);
    if (!s) {
      const candidate = { model: to, effort: resolveEffort(to, undefined).effort };
      s = this.options.sameTokens
        ? unscaled("same-tokens", candidate)
        : scalingBetween({ model: from, effort: resolveEffort(from, undefined).effort }, candidate, this.options.registry.benchmarks);
      this.scalings.set(id, s);
    }
    return s;
  }
}

const EMPTY: string[] = [];

const spentOf = (r: UsageRecord): number => r.output + r.reasoning;

/** The price band of a prompt; most models have one band, and bigint work is skipped for them. */
const bandOf = (p: ModelPricing, prompt: number): number => (p.bands.length === 1 ? 0 : bandFor(p, BigInt(prompt)));
/** How many records wait for a later snapshot at most (see Tally.release). */
const HELD = 1000;

/** Notices that hold for logged calls; announced changes and shutdowns ahead of a past day do not. */
const KEPT_NOTICES = new Set<Warning["code"]>(["RATE_UNKNOWN_SINCE", "OVERRIDE", "ZERO_RATE", "TINY_RATE", "RETIRED"]);

