import { printable } from "../text.ts";

// Reports carry text from files a user did not write themselves (override files, imported
// registries, a teammate's workload): names, ids, sources. Before a report becomes text for a
// terminal, a markdown page or a spreadsheet, that text is made inert for where it goes.

type Fix = (text: string) => string;

function deepMap<T>(value: T, fix: Fix): T {
  if (typeof value === "string") return fix(value) as T;
  if (Array.isArray(value)) return value.map((v) => deepMap(v, fix)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepMap(v, fix);
    return out as T;
  }
  return value;
}

/**
 * Markdown (a PR comment, a job summary) renders HTML and code spans: a name with "<img …>" or a
 * backtick must not become markup. Line breaks are already spaces (printable), so no text can
 * start a heading of its own.
 */
const markdownText: Fix = (text) => printable(text).replaceAll("<", "&lt;").replaceAll("`", "'");

/** The report with every string safe for `format` (JSON escapes on its own). */
export function safeForFormat<T>(report: T, format: string): T {
  if (format === "json") return report;
  return deepMap(report, format === "markdown" ? markdownText : printable);
}
