import { TOKEN_CLASSES, type TokenClass } from "../engine/bill.ts";
import { Decimal } from "../decimal.ts";
import { TokencostError } from "../errors.ts";
import { percentOf } from "../engine/percent.ts";
import { BILLED_CLASSES } from "../pricing/price-at.ts";
import type { Registry } from "../pricing/registry.ts";
import { likelyTypo } from "../suggest.ts";
import { byText } from "../text.ts";
import { priceBuckets, type Priced } from "../usage/price-buckets.ts";
import type { Counts, GroupBy, Group, SpeedSamples, Tally } from "../usage/tally.ts";
import { warning, type Warning } from "../warnings.ts";
import { scalingInfo, SCHEMA_VERSION, type ScalingInfo } from "./report.ts";

// The `usage` report (SPEC §9): what the logs cost, group by group, and what the same work
// would cost elsewhere. Money is computed here, once per bucket of whole-token sums.

export type UsageTokens = Record<TokenClass, number>;
export type UsageCost = Record<TokenClass | "total", number> & { usdExact: string };

export interface UsageRow {
  group: string;
  /** The registry model when the group holds one (always, grouped by model, unless unpriced). */
  model: string | null;
  provider: string | null;
  rawModels: string[];
  records: number;
  tokens: UsageTokens;
  /** The priced records' cost; null when none could be priced. */
  cost: UsageCost | null;
  unpricedRecords: number;
  reportedUsd: number | null;
  /** How many records carried a reported cost (reportedUsd sums theirs only). */
  reportedRecords: number;
  /** cost − reported, where every priced record of the group reported a cost. */
  differenceUsd: number | null;
  first: string | null;
  last: string | null;
}

export interface WhatIfRow {
  from: string;
  model: string;
  records: number;
  tokens: UsageTokens;
  cost: UsageCost;
  /** The same records at the logged model's rates. */
  loggedUsd: number;
  differenceUsd: number;
  /** (cost − logged) / logged, in percent; null where the logged cost is 0. */
  percent: number | null;
  scaling: ScalingInfo;
}

export interface Spread {
  samples: number;
  median: number;
  p90: number;
}

export interface SpeedRow {
  model: string;
  outputTokensPerSecond: Spread | null;
  timeToFirstTokenSeconds: Spread | null;
}

export interface UsageReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "usage";
  /** The pricing date when --at forced one; null: each record on its own day. */
  at: string | null;
  by: GroupBy;
  /** The date of the bundled prices. */
  registryAsOf: string | null;
  files: string[];
  records: number;
  duplicates: number;
  malformed: number;
  malformedLines: { file: string; line: number; reason: string }[];
  results: UsageRow[];
  totals: Omit<UsageRow, "group" | "model" | "provider" | "rawModels" | "first" | "last">;
  whatIf?: WhatIfRow[];
  speed?: SpeedRow[];
  warnings: Warning[];
}

export interface ReadStats {
  files: string[];
  malformed: number;
  malformedLines: { file: string; line: number; reason: string }[];
  attributeAliases: string[];
  /** Gemini stream chunks without a responseId that were not their stream's last. */
  skippedChunks: number;
}

const SAFE = Number.MAX_SAFE_INTEGER;

function tokensOf(c: Counts): UsageTokens {
  for (const k of BILLED_CLASSES) {
    if (!Number.isSafeInteger(c[k])) throw new TokencostError("FILE", `the logs' ${k} tokens add up to more than 2^53−1 (${SAFE}); split the logs and price them in parts`);
  }
  return { input: c.input, cachedInput: c.cachedInput, cacheWrite: c.cacheWrite + c.cacheWrite1h, output: c.output, reasoning: c.reasoning };
}

const costOf = (p: Priced): UsageCost => ({
  ...(Object.fromEntries([...TOKEN_CLASSES, "total"].map((k) => [k, p.cost[k as TokenClass].toNumber()])) as Record<TokenClass | "total", number>),
  usdExact: p.cost.total.toString(),
});

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

function row(g: Group, registry: Registry, by: GroupBy, warnings: Map<string, Warning>): UsageRow {
  const priced = priceBuckets(g.buckets.values());
  for (const w of priced?.warnings ?? []) if (!warnings.has(w.message)) warnings.set(w.message, w);
  const model = g.models.size === 1 && g.unpriced.records === 0 ? [...g.models][0]! : null;
  const provider = model ? registry.find(model)!.provider : by === "provider" ? g.key : null;
  const pricedRecords = g.records - g.unpriced.records;
  const allReported = pricedRecords > 0 && g.reported.records >= pricedRecords && g.unpriced.records === 0;
  return {
    group: g.key,
    model,
    provider,
    rawModels: [...g.rawModels].sort(byText),
    records: g.records,
    tokens: tokensOf(g.tokens),
    cost: priced ? costOf(priced) : null,
    unpricedRecords: g.unpriced.records,
    reportedUsd: g.reported.records > 0 ? g.reported.usd.toNumber() : null,
    reportedRecords: g.reported.records,
    differenceUsd: priced && allReported ? priced.cost.total.sub(g.reportedPriced).toNumber() : null,
    first: iso(g.first),
    last: iso(g.last),
  };
}

function spread(xs: number[]): Spread | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: the median and the 90th percentile are values that occurred.
  const at = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { samples: s.length, median: round(at(0.5)), p90: round(at(0.9)) };
}

export function speedRows(speed: ReadonlyMap<string, SpeedSamples>): SpeedRow[] {
  return [...speed]
    .map(([model, s]) => ({ model, outputTokensPerSecond: spread(s.tokensPerSecond), timeToFirstTokenSeconds: spread(s.ttftSeconds) }))
    .filter((r) => r.outputTokensPerSecond || r.timeToFirstTokenSeconds)
    .sort((a, b) => byText(a.model, b.model));
}

export function usageReport(tally: Tally, read: ReadStats, registry: Registry, options: { by: GroupBy; at?: string | undefined; speed: boolean }): UsageReport {
  const warnings = new Map(tally.warnings);
  const groups = [...tally.groups.values()];
  const results = groups.map((g) => row(g, registry, options.by, warnings));
  // Costliest first; unpriced after priced; then by name, so that output is stable.
  results.sort((a, b) => (b.cost?.total ?? -1) - (a.cost?.total ?? -1) || (options.by === "day" || options.by === "file" ? byText(a.group, b.group) : 0) || byText(a.group, b.group));
  if (options.by === "day") results.sort((a, b) => byText(a.group, b.group));

  const all: Group = mergeGroups(groups);
  const totalRow = row(all, registry, options.by, warnings);
  const { group: _g, model: _m, provider: _p, rawModels: _r, first: _f, last: _l, ...totals } = totalRow;

  const unpriced = results.filter((r) => r.unpricedRecords > 0);
  const unknownModels = [...new Set(groups.flatMap((g) => (g.unpriced.records > 0 ? [...g.rawModels].filter((m) => !registry.find(m)) : [])))];
  if (unpriced.length > 0) {
    const n = unpriced.reduce((s, r) => s + r.unpricedRecords, 0);
    const ids = registry.all().map((m) => m.id);
    // A near miss is named: "gpt-5.5-turbo" may be a typo of an id, or a model to add.
    const named = unknownModels.slice(0, 6).map((m) => {
      const near = likelyTypo(m.slice(m.lastIndexOf("/") + 1), ids);
      return near ? `${m} (did you mean ${near}?)` : m;
    });
    const names = unknownModels.length ? `: ${named.join(", ")}${unknownModels.length > 6 ? ", …" : ""}` : "";
    warnings.set("unpriced", warning("UNPRICED", `${n} record${n === 1 ? "" : "s"} of models the registry does not know, listed without a cost (not $0)${names}; add them with --pricing FILE`));
  }
  if (read.malformed > 0) {
    const where = read.malformedLines.map((m) => `${m.file}:${m.line} (${m.reason})`).join(", ");
    warnings.set("malformed", warning("MALFORMED", `${read.malformed} line${read.malformed === 1 ? "" : "s"} skipped, not usage records: ${where}${read.malformed > read.malformedLines.length ? ", …" : ""}`));
  }
  if (tally.clamped > 0) {
    warnings.set("clamped", warning("CLAMPED", `${tally.clamped} record${tally.clamped === 1 ? "" : "s"} reported fewer tokens in total than in their parts (an instrumentation off its convention); the negative class was counted as 0`));
  }
  if (tally.records === 0) {
    warnings.set("none", warning("NO_RECORDS", `no usage records in ${read.files.length === 1 ? read.files[0] : `${read.files.length} files`}: nothing to price (see \`tokencost usage --help\` for the formats read)`));
  }
  if (tally.storage.records > 0) {
    const n = tally.storage.records;
    warnings.set("storage", warning("CACHE_STORAGE", `${n} record${n === 1 ? "" : "s"} also bill cache storage on ${tally.storage.tokens} cached tokens (Gemini via OpenRouter), per token-hour: not priced here, so their reported cost is higher`));
  }
  if (read.skippedChunks > 0) {
    const n = read.skippedChunks;
    warnings.set("chunks", warning("STREAM_CHUNKS", `${n} Gemini stream chunk${n === 1 ? "" : "s"} without a responseId skipped: only a stream's last chunk (with its finishReason) counts, as each repeats the usage so far`));
  }
  if (read.attributeAliases.length > 0) {
    warnings.set("alias", warning("ATTRIBUTE_ALIAS", `non-standard OpenTelemetry attributes read as the standard ones: ${read.attributeAliases.join(", ")}`));
  }
  for (const r of results) {
    if (r.differenceUsd !== null && r.reportedUsd !== null && Math.abs(r.differenceUsd) > Math.max(0.01, Math.abs(r.reportedUsd) * 0.05)) {
      warnings.set(`diff ${r.group}`, warning("REPORTED_DIFFERS", `${r.group}: the registry's rates give $${r.cost!.total} where the logs report $${r.reportedUsd} (a negotiated price, a tier the log does not state, or a rate to update)`, r.model ?? undefined));
    }
  }

  const report: UsageReport = {
    schemaVersion: SCHEMA_VERSION,
    command: "usage",
    at: options.at ?? null,
    by: options.by,
    registryAsOf: registry.asOf,
    files: read.files,
    records: tally.records,
    duplicates: tally.duplicates,
    malformed: read.malformed,
    malformedLines: read.malformedLines,
    results,
    totals,
    warnings: [...warnings.values()],
  };
  if (tally.whatIfs.size > 0) report.whatIf = whatIfRows(tally);
  if (options.speed) report.speed = speedRows(tally.speed);
  return report;
}

function mergeGroups(groups: readonly Group[]): Group {
  const all: Group = {
    key: "total",
    models: new Set(),
    rawModels: new Set(),
    records: 0,
    tokens: { input: 0, cachedInput: 0, cacheWrite: 0, cacheWrite1h: 0, output: 0, reasoning: 0 },
    unpriced: { records: 0, tokens: { input: 0, cachedInput: 0, cacheWrite: 0, cacheWrite1h: 0, output: 0, reasoning: 0 } },
    buckets: new Map(),
    reported: { records: 0, usd: Decimal.ZERO },
    reportedPriced: Decimal.ZERO,
    first: null,
    last: null,
  };
  let n = 0;
  for (const g of groups) {
    all.records += g.records;
    for (const k of BILLED_CLASSES) {
      all.tokens[k] += g.tokens[k];
      all.unpriced.tokens[k] += g.unpriced.tokens[k];
    }
    all.unpriced.records += g.unpriced.records;
    for (const m of g.models) all.models.add(m);
    for (const b of g.buckets.values()) all.buckets.set(n++, b);
    all.reported.records += g.reported.records;
    all.reported.usd = all.reported.usd.add(g.reported.usd);
    all.reportedPriced = all.reportedPriced.add(g.reportedPriced);
  }
  return all;
}

function whatIfRows(tally: Tally): WhatIfRow[] {
  const logged = tally.byModel.size > 0 ? tally.byModel : tally.groups;
  const rows: WhatIfRow[] = [];
  for (const w of tally.whatIfs.values()) {
    const priced = priceBuckets(w.buckets.values())!;
    const from = priceBuckets(logged.get(w.from.id)?.buckets.values() ?? [])?.cost.total ?? Decimal.ZERO;
    const diff = priced.cost.total.sub(from);
    rows.push({
      from: w.from.id,
      model: w.to.id,
      records: w.records,
      tokens: tokensOf(w.tokens),
      cost: costOf(priced),
      loggedUsd: from.toNumber(),
      differenceUsd: diff.toNumber(),
      percent: percentOf(diff, from),
      scaling: scalingInfo(w.scaling),
    });
  }
  return rows.sort((a, b) => byText(a.from, b.from) || a.cost.total - b.cost.total || byText(a.model, b.model));
}
