import type { ReportResult } from "../report/report.ts";
import { printable } from "../text.ts";
import { warning, type Warning } from "../warnings.ts";
import type { Io } from "./io.ts";

// Warnings on stderr, folded so that a run over 90 models prints a handful of lines (SPEC §4):
// one line per kind of warning, naming the models; --verbose prints each, --quiet none. JSON
// keeps every warning on its result.

export type WarningMode = "folded" | "verbose" | "quiet";

/** How each model-specific kind reads when folded; the rest (about the run) are said once. */
const FOLDED: Partial<Record<Warning["code"], string>> = {
  DEPRECATED: "deprecated",
  RETIRED: "retired",
  PREVIEW: "preview (prices and limits may change)",
  PRICE_CHANGE: "prices change within 90 days",
  RATE_UNKNOWN_SINCE: "prices changed to rates not yet announced (priced at the earlier ones)",
  NO_1H_CACHE_RATE: "no 1-hour cache-write rate (priced at the default cache-write rate)",
  SPEED_UNKNOWN: "no output-speed figure, time unknown",
  TTFT_UNKNOWN: "time to first token unknown, counted as 0 s",
  CONTEXT: "does not fit (see the fits column)",
  BAND_CONTEXT: "the high end of the token range does not fit",
  EFFORT: "effort not on record, the model's default effort used",
  NO_COMMON_MEASUREMENT: "no token measurement in common with the reference, output priced as measured",
  REASONING_KEPT: "do not reason, but --same-tokens bills them reasoning tokens",
  OVERRIDE: "priced from an override file",
  PEAK_HOURS: "priced at off-peak rates (--tier peak for peak hours)",
  NOT_YET_RELEASED: "not yet released on the pricing date",
  ZERO_RATE: "priced at $0 per million for some tokens (check the rates)",
  TINY_RATE: "priced at under $0.000001 per million for some tokens (check the rates)",
  SERVICE_TIER_UNKNOWN: "logged at a service tier the model does not list (priced without it)",
};
const SHOWN = 6;

/** The lines to print (without "warning: "), for results and notices about the run. */
export function warningLines(results: readonly ReportResult[], extra: readonly Warning[], mode: WarningMode): string[] {
  if (mode === "quiet") return [];
  const all = [...extra, ...results.flatMap((r) => r.warnings)];
  const lines: string[] = [];
  const seen = new Set<string>();
  // Sets, in the order met: a fold over 90 models would otherwise compare every message with every other.
  const folds = new Map<string, { label: string; items: Set<string>; messages: Set<string> }>();
  for (const w of all) {
    const label = w.fold ?? FOLDED[w.code];
    if (mode === "folded" && results.length > 1 && w.model && label) {
      let f = folds.get(label);
      if (!f) folds.set(label, (f = { label, items: new Set(), messages: new Set() }));
      f.items.add(w.detail ? `${w.model} (${w.detail})` : w.model);
      f.messages.add(w.message);
    } else if (!seen.has(w.message)) {
      seen.add(w.message);
      lines.push(w.message);
    }
  }
  for (const f of folds.values()) {
    // One model's warning reads best as itself.
    if (f.items.size === 1) lines.push(...f.messages);
    else {
      const more = f.items.size > SHOWN ? `, … (--verbose lists them)` : "";
      lines.push(`${f.label}: ${f.items.size} models — ${[...f.items].slice(0, SHOWN).join(", ")}${more}`);
    }
  }
  return lines;
}

/**
 * The kinds of warning a report already prints on stdout, so that no message appears on both:
 * a one-model table says time and fit in its sentences, markdown lists its notes.
 */
export function shownInReport(format: string, results: readonly ReportResult[], command: string): Warning["code"][] {
  const single = command === "estimate" && results.length === 1;
  const timeAndFit: Warning["code"][] = ["CONTEXT", "PEAK_HOURS", "TTFT_UNKNOWN", "SPEED_UNKNOWN", "BATCH_LATENCY"];
  if (format === "table") return single ? timeAndFit : [];
  if (format === "markdown") {
    const all = [...new Set(results.flatMap((r) => r.warnings.map((w) => w.code)))];
    return single ? all : all.filter((c) => c !== "SPEED_UNKNOWN" && c !== "TTFT_UNKNOWN");
  }
  return [];
}

/** A flat list of warnings (a report without results, like `usage`), folded by kind across models. */
export function writeFlatWarnings(io: Io, list: readonly Warning[], mode: WarningMode): void {
  const byModel = new Map<string, Warning[]>();
  const rest: Warning[] = [];
  for (const w of list) {
    if (w.model === undefined) rest.push(w);
    else byModel.set(w.model, [...(byModel.get(w.model) ?? []), w]);
  }
  const results = [...byModel.values()].map((warnings) => ({ warnings }) as unknown as ReportResult);
  writeWarnings(io, results, rest, mode);
}

/** Warnings the report already shows on stdout are not repeated on stderr. */
export function writeWarnings(io: Io, results: readonly ReportResult[], extra: readonly Warning[], mode: WarningMode, shown: readonly Warning["code"][] = []): void {
  // Most reports show none of their warnings: then the results are read as they are (a copy of
  // each of ~100 rows would otherwise be made only to hold the same list).
  const kept = shown.length === 0 ? results : results.map((r) => ({ ...r, warnings: r.warnings.filter((w) => !shown.includes(w.code)) }));
  const lines = warningLines(kept, extra, mode);
  if (lines.length > 0) io.stderr.write(lines.map((l) => `warning: ${printable(l)}\n`).join(""));
}

/**
 * What a comparison must say aloud about its tokens (SPEC §8): that --same-tokens compares per
 * token, or that the workload names no model its counts were measured on.
 */
export function comparisonNotices(results: readonly ReportResult[]): Warning[] {
  const kinds = new Set(results.flatMap((r) => [r.tokens.scaling, ...(r.tokens.scalings ?? [])].map((s) => s.kind)));
  const out: Warning[] = [];
  if (kinds.has("same-tokens")) {
    out.push(warning("SAME_TOKENS", "--same-tokens: every model is priced on the workload's own token counts (a per-token comparison, not per task)"));
  }
  if (kinds.has("no-reference") && new Set(results.map((r) => r.model)).size > 1) {
    out.push(warning("NO_REFERENCE", 'the workload does not say which model its token counts were measured on, so every model is priced on the same counts: add "measuredOn" or pass --measured-on MODEL[@EFFORT]'));
  }
  return out;
}
