import { toCsv } from "./csv.ts";
import { mdTable } from "./markdown.ts";
import { compactTokens } from "../text.ts";
import { formatInt, formatRate } from "./format.ts";
import { plain, type Paint } from "./paint.ts";
import { newTable } from "./table.ts";
import type { Format } from "./formats.ts";
import type { ListedModel, ModelAt, ModelCard, ModelList } from "./models-report.ts";
import type { FigureGroup } from "../pricing/registry.ts";
import { toJson } from "./json.ts";

// `tokencost models` and `tokencost models show`: the registry as a list, and one model's card
// with every figure beside its source and as-of date.

const rate = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatRate(v));

const tierText = (m: ListedModel) => (m.tiers ?? []).map((t) => `>${compactTokens(t.aboveInputTokens)}`).join(" ") || "—";

const LIST_COLUMNS = ["model", "provider", "input", "cached", "output", "long ctx", "context", "max out", "tok/s", "status"];

function listRow(m: ListedModel): string[] {
  return [
    m.id,
    m.provider,
    rate(m.ratesAt.input),
    rate(m.ratesAt.cachedInput),
    rate(m.ratesAt.output),
    tierText(m),
    compactTokens(m.limits?.contextTokens),
    compactTokens(m.limits?.outputTokens),
    m.speed?.outputTokensPerSecond == null ? "—" : String(m.speed.outputTokensPerSecond),
    m.statusAt + (m.deprecationDate && m.statusAt !== "current" ? ` ${m.deprecationDate}` : ""),
  ];
}

const CSV_HEAD = [
  "id", "provider", "name", "status", "input", "cached_input", "cache_write", "cache_write_1h", "output",
  "context_tokens", "input_tokens", "output_tokens", "output_tokens_per_second", "ttft_seconds",
  "deprecation_date", "replacement", "prices_as_of", "source",
];

function csvRow(m: ListedModel): unknown[] {
  const r = m.ratesAt;
  return [
    m.id, m.provider, m.name, m.statusAt, r.input, r.cachedInput, r.cacheWrite, r.cacheWrite1h, r.output,
    m.limits?.contextTokens, m.limits?.inputTokens, m.limits?.outputTokens, m.speed?.outputTokensPerSecond,
    m.speed?.timeToFirstTokenSeconds, m.deprecationDate, m.replacement, m.pricesAsOf, m.source,
  ];
}


export function renderModelList(report: ModelList, format: Format, paint: Paint = plain): string {
  switch (format) {
    case "json":
      return toJson(report);
    case "csv":
      return toCsv([CSV_HEAD, ...report.models.map(csvRow)]);
    case "markdown":
      return `${mdTable(LIST_COLUMNS, LIST_COLUMNS.map((_, i) => (i >= 2 && i <= 8 ? "---:" : "---")), report.models.map(listRow))}\n`;
    case "table": {
      const t = newTable(
        LIST_COLUMNS.map((h) => paint.bold(h)),
        ["left", "left", "right", "right", "right", "left", "right", "right", "right", "left"],
      );
      for (const m of report.models) t.push(listRow(m));
      return `${t.toString()}\n${paint.dim(`${report.models.length} models · USD per million tokens · rates for ${report.at}${report.registryAsOf ? ` · prices as of ${report.registryAsOf}` : ""}`)}\n`;
    }
  }
}

/** One model: every figure, each group with its source and as-of date. */
export function renderModelCard(card: ModelCard, format: Format, paint: Paint = plain): string {
  const m = card.model;
  if (format === "json") return toJson(card);
  if (format === "csv") return toCsv([CSV_HEAD, csvRow(m)]);

  const fields = [...cardFields(m, card.at), ...usageFields(card)];
  if (format === "markdown") {
    return `${[`### ${m.name} (\`${m.provider}/${m.id}\`)`, "", ...fields.map(([k, v]) => `- **${k}**: ${v}`)].join("\n")}\n`;
  }
  const width = Math.max(...fields.map(([k]) => k.length));
  const body = fields.map(([k, v]) => `${paint.dim(k.padEnd(width))}  ${v}`).join("\n");
  return `${paint.bold(m.name)}  ${m.provider}/${m.id}\n${body}\n`;
}

/** "source: …" lines for a figure group: the override's where a file set it, else the bundled ones. */
function sourceLines(m: ModelAt, group: FigureGroup, bundled: readonly (string | undefined)[]): string {
  const p = m.provenance?.[group];
  if (p) return `\n    source: ${p.source ?? "none given"} (from ${p.origin}${p.asOf ? `, as of ${p.asOf}` : ""})`;
  const list = bundled.filter((x): x is string => Boolean(x));
  return list.length ? `\n    source: ${list.join("\n    source: ")}` : "";
}

function cardFields(m: ModelAt, at: string): [string, string][] {
  const r = m.ratesAt;
  const BUNDLED_GROUP: Record<string, FigureGroup> = { prices: "rates", longContext: "tiers", batchAndTiers: "serviceTiers" };
  const src = (group: string) => sourceLines(m, BUNDLED_GROUP[group]!, m.sources?.[group] ?? []);
  const cacheWrite =
    r.cacheWrite === undefined ? "not billed (new prompt tokens are input)" : r.cacheWrite === null ? "unknown" : `${formatRate(r.cacheWrite)}${m.cacheWriteTtl ? ` (${m.cacheWriteTtl})` : ""}`;
  const fields: [string, string][] = [
    ["status", `${m.statusAt}${m.deprecationDate ? ` · shutdown ${m.deprecationDate}` : ""}${m.replacement ? ` · replacement ${m.replacement}` : ""}`],
    ["aliases", m.aliases?.length ? m.aliases.join(", ") : "—"],
    [
      `rates on ${at}`,
      `input ${rate(r.input)} · cached input ${rate(r.cachedInput)} · cache write ${cacheWrite}` +
        `${r.cacheWrite1h != null ? ` · 1-hour cache write ${formatRate(r.cacheWrite1h)}` : ""} · output ${rate(r.output)} · reasoning ${r.reasoning == null ? "= output" : formatRate(r.reasoning)}  (USD per million tokens)` +
        src("prices"),
    ],
    [
      "long context",
      (m.tiers ?? []).length
        ? (m.tiers ?? [])
            .map((t) => `prompt >${formatInt(t.aboveInputTokens)}: ${Object.entries(t.rates).map(([k, v]) => `${k} ${rate(v)}`).join(" · ")} (whole call)${t.note ? ` — ${t.note}` : ""}`)
            .join("\n    ") + src("longContext")
        : "flat (no long-context tier)",
    ],
    [
      "service tiers",
      Object.keys(m.serviceTiers ?? {}).length
        ? `standard 1× · ${Object.entries(m.serviceTiers ?? {}).map(([k, v]) => `${k} ${v}×`).join(" · ")}${src("batchAndTiers")}`
        : "standard only",
    ],
    [
      "limits",
      `context ${m.limits?.contextTokens == null ? "unknown" : formatInt(m.limits.contextTokens)} · input ${m.limits?.inputTokens == null ? "—" : formatInt(m.limits.inputTokens)} · output ${m.limits?.outputTokens == null ? "unknown" : formatInt(m.limits.outputTokens)}${sourceLines(m, "limits", [m.limits?.source])}`,
    ],
    [
      "speed",
      m.speed
        ? `${m.speed.outputTokensPerSecond ?? "unknown"} tok/s · TTFT ${m.speed.timeToFirstTokenSeconds == null ? "unknown" : `${m.speed.timeToFirstTokenSeconds} s`}` +
          `${m.speed.asOf ? ` · as of ${m.speed.asOf}` : ""}${m.speed.confidence ? ` · ${m.speed.confidence} confidence` : ""}` +
          `${m.speed.note ? ` — ${m.speed.note}` : ""}${sourceLines(m, "speed", [m.speed.source])}`
        : "unknown",
    ],
    [
      "scheduled prices",
      (m.scheduledPrices ?? []).length
        ? (m.scheduledPrices ?? [])
            .map((s) => `from ${s.from}: ${Object.entries(s.rates).map(([k, v]) => `${k} ${v === null ? "unknown" : rate(v)}`).join(" · ")}${s.note ? ` — ${s.note}` : ""}`)
            .join("\n    ")
        : "none announced",
    ],
    ["prices checked", m.provenance?.rates ? (m.provenance.rates.asOf ?? "unknown (the override gives no pricesAsOf)") : (m.pricesAsOf ?? "unknown")],
    ["released", m.releaseDate ?? "unknown"],
    ["confidence", m.priceConfidence ?? "—"],
    ["origin", m.origin === "bundled" ? "bundled registry" : m.origin],
  ];
  // The bundled notes speak of the bundled figures: said so where a file replaced some.
  const replaced = Object.keys(m.provenance ?? {});
  if (m.notes) fields.push([replaced.length ? "notes (bundled)" : "notes", replaced.length ? `${m.notes} [about the bundled figures; ${replaced.join(", ")} from ${m.origin}]` : m.notes]);
  return fields;
}

/** 57,000,000 and 18,112.3 alike: grouped, decimals as the source gave them. */
const num = (n: number) => {
  const [whole, frac] = String(n).split(".");
  return `${formatInt(BigInt(whole!))}${frac ? `.${frac}` : ""}`;
};

/** SPEC §8: what the model spends per task, by effort, each figure with its source. */
function usageFields(card: ModelCard): [string, string][] {
  const m = card.model;
  const u = m.usage;
  const levels = u?.efforts ?? m.reasoningLevels;
  const reasons = u?.reasons === false ? "does not reason" : u?.reasons ? "reasons" : "reasoning unknown";
  const efforts = levels?.length ? ` · efforts ${levels.join(", ")}${u?.defaultEffort ? ` (default ${u.defaultEffort})` : ""}` : u?.reasons === false ? "" : " · effort levels unknown";
  const fields: [string, string][] = [["reasoning", `${reasons}${efforts}`]];

  const measurements = u?.measurements ?? [];
  fields.push([
    "tokens per task",
    measurements.length
      ? measurements
          .map((x) => {
            const b = card.benchmarks[x.benchmark];
            const bench = b ? `${x.benchmark} (${[b.version, b.kind, b.date].filter(Boolean).join(", ")})` : x.benchmark;
            const split =
              x.effort === "none" || u?.reasons === false
                ? " (no reasoning: all answer)"
                : x.reasoningTokens != null || x.answerTokens != null
                  ? ` = ${x.reasoningTokens == null ? "?" : num(x.reasoningTokens)} reasoning + ${x.answerTokens == null ? "?" : num(x.answerTokens)} answer`
                  : "";
            const meta = [x.asOf && `as of ${x.asOf}`, x.confidence && `${x.confidence} confidence`].filter(Boolean).join(" · ");
            const effort = x.effort ?? (u?.defaultEffort ? `default (${u.defaultEffort})` : "default");
            return `${effort} · ${bench}: ${num(x.outputTokens)} output tokens${split}${meta ? ` · ${meta}` : ""}${x.source ? `\n      source: ${x.source}` : ""}`;
          })
          .join("\n    ")
      : "no measurements (compared models are priced on the tokens as given)",
  ]);

  const speeds = Object.entries(u?.speedByEffort ?? {});
  if (speeds.length) {
    fields.push([
      "speed by effort",
      speeds
        .map(([effort, s]) => `${effort} ${s!.outputTokensPerSecond ?? "?"} tok/s · TTFT ${s!.timeToFirstTokenSeconds == null ? "unknown" : `${s!.timeToFirstTokenSeconds} s`}${s!.asOf ? ` · as of ${s!.asOf}` : ""}${s!.source ? `\n      source: ${s!.source}` : ""}`)
        .join("\n    "),
    ]);
  }
  const t = u?.tokenizer;
  if (t) {
    const band = t.low != null || t.high != null ? ` (${t.low ?? t.ratio}–${t.high ?? t.ratio})` : "";
    const samples = t.samples?.length ? `; ${t.samples.length} ratios by kind of text in --json` : "";
    fields.push(["tokenizer", `${t.family}: ${t.ratio}× the tokens of ${t.relativeTo} for the same text${band}${samples}${t.source ? `\n    source: ${t.source}` : ""}`]);
  }
  if (u?.notes) fields.push(["usage notes", u.notes]);
  return fields;
}
