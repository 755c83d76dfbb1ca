import { printable } from "../text.ts";

// Reports carry text from files a user did not write themselves (override files, imported
// registries, a teammate's workload): names, ids, sources. Before a report becomes text for a
// terminal, a markdown page or a spreadsheet, that text is made inert for where it goes.

type Fix = (text: string) => string;

/** `value` with `fix` applied to every string; objects are copied only where a string changed. */
function deepMap<T>(value: T, fix: Fix): T {
  if (typeof value === "string") return fix(value) as T;
  if (value === null || typeof value !== "object") return value;
  // Plain loops, and no call for a number: this walks every value of a report once, cold,
  // before every table (~7,000 values for a comparison of 92 models).
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const w = typeof v === "string" ? fix(v) : v !== null && typeof v === "object" ? deepMap(v, fix) : v;
      if (w !== v) (out ??= value.slice())[i] = w;
    }
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    const w = typeof v === "string" ? fix(v) : v !== null && typeof v === "object" ? deepMap(v, fix) : v;
    if (w !== v) (out ??= { ...record })[k] = w;
  }
  return (out ?? value) as T;
}

/**
 * Markdown (a PR comment, a job summary) renders HTML and code spans: a name with "<img …>" or a
 * backtick must not become markup. Line breaks are already spaces (printable), so no text can
 * start a heading of its own.
 */
// eslint-disable-next-line no-control-regex
const MARKUP = /[<`\u0000-\u001f\u007f-\u009f]/; // module level: a literal in the arrow is a new RegExp per string
const markdownText: Fix = (text) => (MARKUP.test(text) ? printable(text).replaceAll("<", "&lt;").replaceAll("`", "'") : text);

/** The report with every string safe for `format` (JSON escapes on its own). */
export function safeForFormat<T>(report: T, format: string): T {
  if (format === "json") return report;
  return deepMap(report, format === "markdown" ? markdownText : printable);
}
