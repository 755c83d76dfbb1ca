import { daysBetween, isoDay } from "../dates.ts";
import { bandFor } from "../engine/agent.ts";
import { DAYS_PER_MONTH } from "../engine/estimate.ts";
import { priceModel } from "../pricing/price-at.ts";
import type { Registry } from "../pricing/registry.ts";
import { TokencostError } from "../errors.ts";
import { priceBuckets } from "./price-buckets.ts";
import type { Counts } from "./record.ts";
import type { Group, Tally, Turn } from "./tally.ts";

// --calibrate: the logs as a workload (SPEC §2) that estimate, compare and check accept as is,
// measured on the logged model (SPEC §8), so that comparing it elsewhere scales its tokens.

/** round(sum / n), half up, exactly. */
const mean = (sum: number, n: number): number => Number((2n * BigInt(sum) + BigInt(n)) / (2n * BigInt(n)));

/** Calendar days the records span, both ends counted: 9:00 to 17:00 on one day is one day. */
function spanDays(first: number | null, last: number | null): number {
  if (first === null || last === null) return 1;
  return daysBetween(isoDay(new Date(first)), isoDay(new Date(last))) + 1;
}

export interface CalibrateInput {
  tally: Tally;
  registry: Registry;
  /** Today, for records without a date. */
  today: string;
  /** --at: the day every record was priced at (else each at its own day's rates). */
  at?: string | undefined;
  /** --model: which logged model to fit, where the logs hold several. */
  model?: string | undefined;
  files: readonly string[];
  agent: boolean;
}

/** The logged model to fit: the one there is, or the one named. */
function pick(models: ReadonlyMap<string, Group>, tally: Tally, wanted: string | undefined): Group {
  const priced = [...models.values()].filter((g) => g.models.size === 1 && g.unpriced.records === 0);
  if (wanted !== undefined) {
    const g = priced.find((x) => x.key.toLowerCase() === wanted.toLowerCase());
    if (g) return g;
    throw new TokencostError("USAGE", `--model ${wanted}: the logs hold no priced records of it (they hold ${priced.map((x) => x.key).join(", ") || "none"})`);
  }
  if (priced.length === 1) return priced[0]!;
  if (priced.length === 0) throw new TokencostError("USAGE", `--calibrate: no record of a model the registry knows (${tally.records} records)`);
  const list = priced.sort((a, b) => b.records - a.records).map((g) => `${g.key} (${g.records} record${g.records === 1 ? "" : "s"})`).join(", ");
  throw new TokencostError("USAGE", `--calibrate fits one model and the logs hold ${priced.length}: ${list}; choose one with --model`);
}

export interface Calibrated {
  workload: Record<string, unknown>;
  /** What the workload cannot say about the logs (for stderr). */
  notes: string[];
}

/**
 * How often, as the workload says it: per day when the logs hold a day's worth or more on
 * average, else per month (6 records over 238 days are 1 a month, not 1 a day).
 */
function runsOf(n: number, days: number): { count: number; per: "day" | "month" } {
  const perDay = n / days;
  return perDay >= 1 ? { count: Math.round(perDay), per: "day" } : { count: Math.max(1, Math.round(perDay * DAYS_PER_MONTH)), per: "month" };
}

export function calibrate(input: CalibrateInput): Calibrated {
  const notes: string[] = [];
  const { tally } = input;
  const models = tally.byModel.size > 0 ? tally.byModel : tally.groups;
  const g = pick(models, tally, input.model);
  const id = g.key;
  const tiers = tally.tiersSeen.get(id);
  const tierRecords = tiers ? [...tiers.values()].reduce((a, b) => a + b, 0) : 0;
  // One service tier for all the model's records is the workload's; a mix is list price, said.
  const tier = tiers && tiers.size === 1 && tierRecords === g.records ? [...tiers.keys()][0]! : undefined;
  if (tiers && !tier) notes.push(`${id}: the logs mix service tiers (${[...tiers.keys()].join(", ")} on ${tierRecords} of ${g.records} records); the workload prices at list price`);
  if (tier?.includes("+")) notes.push(`${id}: the logs ran at ${tier}, tiers that multiply and a workload cannot name together; the workload prices at list price`);
  const days = spanDays(g.first, g.last);
  const t = g.tokens;
  const prompt = t.input + t.cachedInput + t.cacheWrite + t.cacheWrite1h;
  const hit = prompt === 0 ? 0 : t.cachedInput / prompt;
  const span = g.first !== null && g.last !== null ? ` from ${new Date(g.first).toISOString()} to ${new Date(g.last).toISOString()}` : "";
  const base: Record<string, unknown> = {
    name: `calibrated-${id}`,
    model: id,
    measuredOn: id,
  };
  if (tier && !tier.includes("+")) base.serviceTier = tier;

  if (input.agent) {
    const fitted = fitAgent(tally, id);
    if (!fitted) throw new TokencostError("USAGE", `--calibrate --agent: no ${id} records carry a session or conversation id with a time (Claude Code sessions and OpenTelemetry gen_ai.conversation.id do)`);
    return { notes, workload: {
      ...base,
      description: `Fitted by tokencost usage to ${fitted.sessions} session${fitted.sessions === 1 ? "" : "s"} (${fitted.turns} turns) of ${id} in ${input.files.join(", ")}${span}: mean turns per session, system prompt and per-turn growth by least squares over turn number; observed cache hit rate ${pct(fitted.hitRate)}.`,
      runs: runsOf(fitted.sessions, days),
      agent: fitted.agent,
    } };
  }
  const n = g.records;
  const oneHour = t.cacheWrite1h > t.cacheWrite;
  if (t.cacheWrite1h > 0 && t.cacheWrite > 0) notes.push(`${id}: the logs write the cache at both TTLs; the workload prices every write at the ${oneHour ? "1-hour" : "5-minute"} rate (the more common)`);
  const call: Record<string, unknown> = {
    input: mean(t.input, n),
    cachedInput: mean(t.cachedInput, n),
    cacheWrite: mean(t.cacheWrite + t.cacheWrite1h, n),
    output: mean(t.output, n),
    reasoning: mean(t.reasoning, n),
  };
  if (oneHour) call.cacheTtl = "1h";
  const check = fittedAgainstLogged(input, g, call as Record<string, number>, tier && !tier.includes("+") ? tier : undefined, oneHour);
  if (check) notes.push(check);
  return { notes, workload: {
    ...base,
    description: `Fitted by tokencost usage to ${n} ${id} records in ${input.files.join(", ")}${span}: mean tokens per call; observed cache hit rate ${pct(hit)} (cached over prompt tokens); reasoning ${pct(t.output + t.reasoning === 0 ? 0 : t.reasoning / (t.output + t.reasoning))} of output.${tiers && !tier ? " Mixed service tiers were logged; the workload prices at list price." : ""}`,
    runs: runsOf(n, days),
    ...call,
  } };
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * The fitted call × records against what the logs cost. They part where calls straddle a
 * long-context tier (the mean call sits in one band), or ran on days with other rates: said,
 * with both figures, rather than a workload that quietly prices a third of the bill.
 */
function fittedAgainstLogged(input: CalibrateInput, g: Group, call: Record<string, number>, tier: string | undefined, oneHour: boolean): string | null {
  const model = input.registry.find(g.key);
  if (!model || g.buckets.size === 0) return null;
  const logged = priceBuckets(g.buckets.values())!.cost.total;
  // The day the logged cost was priced at: --at for every record, else the latest record's.
  const day = input.at ?? (g.last === null ? input.today : isoDay(new Date(g.last)));
  const pricing = priceModel(model, { at: day, serviceTier: tier });
  const prompt = call.input! + call.cachedInput! + call.cacheWrite!;
  const tokens: Counts = { input: call.input!, cachedInput: call.cachedInput!, cacheWrite: 0, cacheWrite1h: 0, output: call.output!, reasoning: call.reasoning! };
  tokens[oneHour ? "cacheWrite1h" : "cacheWrite"] = call.cacheWrite!;
  const fitted = priceBuckets([{ pricing, band: bandFor(pricing, BigInt(prompt)), tokens }])!.cost.total.mul(BigInt(g.records));
  if (logged.isZero()) return null;
  const gap = fitted.sub(logged);
  // Means rounded to whole tokens move the cost by far less than 1%.
  if (gap.mul(100n).cmp(logged) <= 0 && gap.mul(-100n).cmp(logged) <= 0) return null;
  return `${g.key}: the fitted call × ${g.records} records prices at $${fitted.round(6).toString()} against $${logged.round(6).toString()} logged (calls on both sides of a long-context tier, or on days with other rates, do not average into one call); consider --by day, or fitting parts of the logs apart`;
}

interface AgentFit {
  sessions: number;
  turns: number;
  hitRate: number;
  agent: Record<string, unknown>;
}

/**
 * The agent form's prompt at turn k is S + (k−1)·(u + o) + u (SPEC §3, reasoning not kept):
 * a line in k. A least-squares line through every session's prompts gives its intercept (S + u)
 * and slope (u + o); the mean output o is observed, so u and S follow.
 */
function fitAgent(tally: Tally, model: string): AgentFit | null {
  const sessions = [...tally.sessions.values()].filter((s) => s.model === model && s.turns.length > 0);
  if (sessions.length === 0) return null;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let out = 0;
  let reasoning = 0;
  let cached = 0;
  let previous = 0;
  let warm = 0;
  let oneHour = 0;
  let fiveMin = 0;
  for (const s of sessions) {
    const turns: Turn[] = [...s.turns].sort((a, b) => a.time - b.time);
    turns.forEach((t, k) => {
      n++;
      sx += k;
      sy += t.prompt;
      sxx += k * k;
      sxy += k * t.prompt;
      out += t.output;
      reasoning += t.reasoning;
      oneHour += t.cacheWrite1h;
      fiveMin += t.cacheWrite;
      if (k === 0 && t.cachedInput > 0) warm++;
      if (k > 0) {
        cached += t.cachedInput;
        previous += turns[k - 1]!.prompt;
      }
    });
  }
  const o = Math.round(out / n);
  const r = Math.round(reasoning / n);
  const denominator = n * sxx - sx * sx;
  const slope = denominator === 0 ? 0 : (n * sxy - sx * sy) / denominator;
  const intercept = (sy - slope * sx) / n;
  const u = Math.max(0, Math.round(slope - o));
  const system = Math.max(0, Math.round(intercept - u));
  const hitRate = previous === 0 ? 0 : Math.min(1, cached / previous);
  const agent: Record<string, unknown> = {
    system,
    turns: Math.max(1, Math.round(n / sessions.length)),
    perTurn: { input: u, output: o, reasoning: r },
  };
  if (cached > 0 || warm > 0) {
    agent.caching = { hitRate: Math.round(hitRate * 1000) / 1000, warmSystem: warm * 2 > sessions.length, ...(oneHour > fiveMin ? { ttl: "1h" } : {}) };
  }
  return { sessions: sessions.length, turns: n, hitRate, agent };
}
