#!/usr/bin/env node
// Transcribes the sourced fact base (shared/reference/pricing-facts.json and usage-facts.json)
// into pricing/<provider>.json and pricing/benchmarks.json. Run it again when the fact base is
// updated:
//   node scripts/import-reference.js ../shared/reference/pricing-facts.json ../shared/reference/usage-facts.json
// The pricing files are the registry of record; this script only records how they were derived,
// so that a re-import is a reviewable diff rather than a hand re-typing.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const factsPath = process.argv[2] ?? "../shared/reference/pricing-facts.json";
const usagePath = process.argv[3] ?? join(dirname(factsPath), "usage-facts.json");
const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "pricing");
// The fact base is stamped "as of 2026-11-27" (PRICING-FACTS.md): every price was last checked then.
const PRICES_AS_OF = "2026-11-27";

// Ids that the facts' notes name as routing to a model (no alias field exists in the fact base).
const ALIASES = {
  "gpt-5.6-sol": ["gpt-5.6"], // "Alias gpt-5.6 routes to Sol"
  "gpt-5": ["gpt-5-2025-08-07"],
  o3: ["o3-2025-04-16"],
  "gpt-4.1": ["gpt-4.1-2025-04-14"],
  "gpt-4.1-mini": ["gpt-4.1-mini-2025-04-14"],
  "gpt-4o": ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], // 2024-05-13 has other prices: not an alias
  "gpt-4o-mini": ["gpt-4o-mini-2024-07-18"],
  "claude-sonnet-4-5": ["claude-sonnet-4-5-20250929"],
  "deepseek-flash": ["deepseek-v4-flash", "deepseek-chat", "deepseek-reasoner"],
  "mistral-medium-2604": ["mistral-medium-latest"],
};

// Reasoning/thinking levels, where the facts' notes list them explicitly.
const REASONING_LEVELS = {
  "gemini-3.5-flash": ["minimal", "low", "medium", "high"],
  "gemini-3.1-pro-preview": ["low", "medium", "high"],
  "gemini-4-argon": ["low", "medium", "high"],
  "gemini-4-hydrogen": ["low", "medium", "high", "xhigh"],
  "gemini-4-neon": ["low", "medium", "high", "xhigh"],
  "gpt-5.5": ["none", "low", "medium", "high", "xhigh"],
  "claude-opus-4-7": ["low", "medium", "high", "xhigh", "max"],
  "grok-4.7": ["low", "medium", "high", "xhigh"],
  "mistral-medium-2604": ["none", "high"],
};

const providerId = (p) => p.split(" ")[0]; // "groq (host; Meta open weights)" -> "groq"
const first = (list) => (Array.isArray(list) && list.length > 0 ? list[0] : undefined);

function cacheWriteRate(m) {
  if (m.cacheWritePerM != null) return m.cacheWritePerM;
  // A stated "billed as input / free / implicit" means no separate write: leave the key out.
  if (m.cacheWriteBilledAs != null) return undefined;
  return null; // not found in any store
}

function tiers(m) {
  const lc = m.longContext;
  if (!lc) return [];
  const note = lc.note ?? "";
  // Historical tiers stay out (SPEC §1), as do tiers that can no longer be reached.
  if (/HISTORICAL ONLY/.test(note) || /retired/.test(note)) return [];
  if (lc.appliesTo !== "whole_request") throw new Error(`${m.id}: unsupported tier rule ${lc.appliesTo}`);
  // xAI bills from 200K inclusive ("prompts >= 200K"); our threshold is strictly-above.
  const inclusive = /prompts >= /.test(note);
  const rates = { input: lc.inputPerM };
  if (lc.cachedInputPerM != null) rates.cachedInput = lc.cachedInputPerM;
  if (lc.cacheWritePerM != null) rates.cacheWrite = lc.cacheWritePerM;
  if (lc.cacheWriteExtendedPerM != null && m.cacheWriteExtendedTtl === "1h") rates.cacheWrite1h = lc.cacheWriteExtendedPerM;
  rates.output = lc.outputPerM;
  const tier = { aboveInputTokens: inclusive ? lc.thresholdTokens - 1 : lc.thresholdTokens, rates };
  if (note) tier.note = inclusive ? `${note} (threshold stored as ${lc.thresholdTokens - 1} because ours is strictly-above)` : note;
  if (lc.derivedFromStatedMultipliers) tier.derived = true;
  return [tier];
}

function serviceTiers(m) {
  const out = {};
  if (m.batchDiscount != null) out.batch = m.batchDiscount;
  const st = m.serviceTiers ?? {};
  if (st.flexMultiplier != null) out.flex = st.flexMultiplier;
  if (st.priorityMultiplier != null) out.priority = st.priorityMultiplier;
  if (st.fastModeMultiplier != null) out.fast = st.fastModeMultiplier;
  if (st.usOnlyInferenceMultiplier != null) out["us-only"] = st.usOnlyInferenceMultiplier;
  if (st.peakMultiplier != null) out.peak = st.peakMultiplier;
  return out;
}

function speed(m) {
  const s = m.speed;
  if (!s && m.outputTokensPerSecond == null && m.ttftSeconds == null) return null;
  const out = {
    outputTokensPerSecond: m.outputTokensPerSecond,
    timeToFirstTokenSeconds: m.ttftSeconds,
  };
  if (s) {
    out.source = s.source;
    out.asOf = s.asOf;
    if (s.method) out.method = s.method;
    if (s.confidence) out.confidence = s.confidence;
    if (s.note) out.note = s.note;
    if (s.alternatives?.length) out.alternatives = s.alternatives;
  }
  return out;
}

function scheduled(m) {
  return (m.scheduledPrices ?? []).map((sp) => {
    const entry = {
      from: sp.from,
      rates: { input: sp.inputPerM, cachedInput: sp.cachedInputPerM, output: sp.outputPerM },
    };
    // Auto-routed to a model without a long-context tier: the tier stops applying.
    if (/tier no longer applies/.test(sp.note ?? "")) entry.tiers = [];
    entry.sources = sp.source;
    if (sp.note) entry.note = sp.note;
    return entry;
  });
}

// ---- usage (SPEC §8), from usage-facts.json ----

const CONFIDENCE = { high: 3, medium: 2, low: 1 };
// Dated rows first, most recent first ("2026-09-27" > "2026-09" > "undated copy"): the text of an
// ISO date compares as the date does.
const dateKey = (d) => (/^\d{4}/.test(d ?? "") ? d : "");

function measurement(m) {
  const out = { effort: m.effort, benchmark: m.benchmark, outputTokens: m.outputTokens };
  out.reasoningTokens = m.reasoningTokens;
  out.answerTokens = m.answerTokens;
  out.source = m.source;
  out.asOf = m.date;
  out.confidence = m.confidence;
  return out;
}

function speedRow(s) {
  return {
    effort: s.effort,
    outputTokensPerSecond: s.outputTokensPerSecond,
    ttftSeconds: s.ttftSeconds,
    ttftIncludesThinking: s.ttftIncludesThinking,
    endpoint: s.endpoint,
    source: s.source,
    asOf: s.date,
    confidence: s.confidence,
  };
}

/**
 * The speed tokencost uses at each effort: first-party rows of medium or high confidence only
 * (a gateway, a fast mode or another host is another product; a low-confidence row is a lead,
 * not a figure), the most recent wins, then the more confident. TTFT only where it excludes
 * thinking time: the engine adds reasoning tokens / speed on top. Rows without an effort stand
 * for the default effort when the model names one (else the model's own `speed` covers them).
 */
function speedByEffort(u) {
  const usable = u.speed
    .map((s) => ({ ...s, effort: s.effort ?? u.defaultEffort }))
    .filter((s) => s.effort && s.endpoint === "first-party" && s.confidence !== "low");
  const best = (rows) =>
    [...rows].sort((a, b) => dateKey(b.date).localeCompare(dateKey(a.date)) || CONFIDENCE[b.confidence] - CONFIDENCE[a.confidence])[0];
  const out = {};
  for (const effort of [...new Set(usable.map((s) => s.effort))]) {
    const rows = usable.filter((s) => s.effort === effort);
    const tps = best(rows.filter((s) => s.outputTokensPerSecond != null));
    const ttft = best(rows.filter((s) => s.ttftSeconds != null && s.ttftIncludesThinking === false));
    if (!tps && !ttft) continue;
    const main = tps ?? ttft;
    const figure = {
      outputTokensPerSecond: tps?.outputTokensPerSecond ?? null,
      timeToFirstTokenSeconds: ttft?.ttftSeconds ?? null,
      source: main.source,
      asOf: main.date,
      confidence: main.confidence,
    };
    if (ttft && tps && ttft.source !== tps.source) figure.note = `TTFT from ${ttft.source} (${ttft.date})`;
    out[effort] = figure;
  }
  return out;
}

/** Per model: the family entry (the one naming most models) and the text-type samples. */
function tokenizers(list) {
  const byModel = new Map();
  const families = new Map();
  for (const t of list) {
    const fam = families.get(t.id);
    if (!fam || t.models.length > fam.models.length) families.set(t.id, t);
  }
  for (const fam of families.values()) {
    const note = [fam.textType, fam.quote && `"${fam.quote}"`].filter(Boolean).join(": ");
    for (const id of fam.models) {
      byModel.set(id, { family: fam.id, ratio: fam.ratio, low: fam.low, high: fam.high, relativeTo: fam.relativeTo, source: fam.source, note, samples: [] });
    }
    // The reference family is 1 relative to itself, by definition of the ratio: no source to cite.
    for (const id of fam.relativeToModels ?? []) {
      byModel.set(id, { family: fam.relativeTo, ratio: 1, low: null, high: null, relativeTo: fam.relativeTo, note: `1 by definition: the family the ${fam.id} ratio is relative to` });
    }
  }
  for (const t of list) {
    if (families.get(t.id) === t) continue;
    for (const id of t.models) {
      const sample = { ratio: t.ratio, low: t.low, high: t.high, textType: t.textType, source: t.source, quote: t.quote };
      byModel.get(id)?.samples.push(sample);
    }
  }
  for (const t of byModel.values()) if (t.samples?.length === 0) delete t.samples;
  return byModel;
}

function usage(u, tokenizer) {
  const out = {
    reasons: u.reasons,
    efforts: u.efforts,
    defaultEffort: u.defaultEffort,
    measurements: u.measurements.map(measurement),
    speedByEffort: speedByEffort(u),
    speeds: u.speed.map(speedRow),
  };
  if (tokenizer) out.tokenizer = tokenizer;
  if (u.notes) out.notes = u.notes;
  return out;
}

function entry(m) {
  const rates = { input: m.inputPerM, cachedInput: m.cachedInputPerM };
  const cw = cacheWriteRate(m);
  if (cw !== undefined) rates.cacheWrite = cw;
  if (m.cacheWriteExtendedPerM != null && m.cacheWriteExtendedTtl === "1h") rates.cacheWrite1h = m.cacheWriteExtendedPerM;
  rates.output = m.outputPerM;
  // Every model in the fact base bills reasoning at the output rate (reasoningBilledAsOutput).
  rates.reasoning = null;

  const e = {
    id: m.id,
    name: m.displayName,
    aliases: ALIASES[m.id] ?? [],
    rates,
    tiers: tiers(m),
    serviceTiers: serviceTiers(m),
    limits: {
      contextTokens: m.contextWindow,
      inputTokens: m.maxInputTokens,
      outputTokens: m.maxOutputTokens,
    },
    speed: speed(m),
    reasoningLevels: REASONING_LEVELS[m.id] ?? null,
    cacheWriteTtl: m.cacheWriteTtl,
    status: m.status,
    deprecationDate: m.deprecationDate,
    replacement: m.replacement,
    scheduledPrices: scheduled(m),
    usage: undefined,
    releaseDate: m.releaseDate,
    priceEffectiveDate: m.priceEffectiveDate,
    priceConfidence: m.priceConfidence,
    pricesAsOf: PRICES_AS_OF,
    source: first(m.sources?.prices),
    sources: m.sources,
    otherRates: m.otherRates,
    notes: m.notes,
  };
  const limitsSource = first(m.sources?.limits);
  if (limitsSource) e.limits.source = limitsSource;
  if (m.reasoningBilledAsOutput === false) e.notes = [e.notes, "Not a reasoning model."].filter(Boolean).join(" ");
  return e;
}

const facts = JSON.parse(readFileSync(factsPath, "utf8"));
const usageFacts = JSON.parse(readFileSync(usagePath, "utf8"));
const tokenizerOf = tokenizers(usageFacts.tokenizers);
const byProvider = new Map();
for (const m of facts) {
  const p = providerId(m.provider);
  if (!byProvider.has(p)) byProvider.set(p, []);
  const e = entry(m);
  const u = usageFacts.models[m.id];
  if (u) e.usage = usage(u, tokenizerOf.get(m.id));
  else if (tokenizerOf.has(m.id)) e.usage = { tokenizer: tokenizerOf.get(m.id) };
  else delete e.usage;
  byProvider.get(p).push(e);
}
const missing = Object.keys(usageFacts.models).filter((id) => !facts.some((m) => m.id === id));
if (missing.length) throw new Error(`usage facts for models the pricing facts lack: ${missing.join(", ")}`);

const benchmarks = Object.fromEntries(
  Object.entries(usageFacts.benchmarks).map(([key, b]) => [key, { name: b.name, version: b.version, kind: b.kind, date: b.date, note: b.note }]),
);
writeFileSync(join(outDir, "benchmarks.json"), `${JSON.stringify({ $schema: "./schema.json", benchmarks }, null, 2)}\n`);
console.log(`pricing/benchmarks.json: ${Object.keys(benchmarks).length} benchmarks`);
for (const [provider, models] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
  const file = { $schema: "./schema.json", provider, models };
  writeFileSync(join(outDir, `${provider}.json`), `${JSON.stringify(file, null, 2)}\n`);
  console.log(`pricing/${provider}.json: ${models.length} models`);
}
