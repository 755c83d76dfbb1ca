import { printable } from "../text.ts";

// Reports carry text from files a user did not write themselves (override files, imported
// registries, a teammate's workload): names, ids, sources. Before a report becomes text for a
// terminal, a markdown page or a spreadsheet, that text is made inert for where it goes.

type Fix = (text: string) => string;

/**
 * A read-only view of `value` whose strings come out fixed as they are read. A renderer reads a
 * part of a report (a comparison table ~1,500 of its ~8,000 values): a fixed copy, made by
 * walking every value before rendering, cost more than the rendering itself at every start
 * (~4 ms cold of compare --all's table). Plain objects and arrays are viewed, one view per
 * object (so a value met twice is the same view); anything else (a Map, a Decimal) is passed
 * as it is, as the walk did. Writing through the view is a renderer's bug: it throws.
 */
function safeView<T>(value: T, fix: Fix): T {
  const views = new WeakMap<object, object>();
  const viewOf = (v: unknown): unknown => {
    if (typeof v === "string") return fix(v);
    if (v === null || typeof v !== "object") return v;
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return v;
    let view = views.get(v);
    if (view === undefined) views.set(v, (view = new Proxy(v, handler)));
    return view;
  };
  const readOnly = (): never => {
    throw new TypeError("a report is read-only to its renderer");
  };
  const handler: ProxyHandler<object> = {
    get: (target, key) => viewOf((target as Record<PropertyKey, unknown>)[key]),
    // An assignment through a proxy defines the property on it: this trap refuses both.
    defineProperty: readOnly,
    deleteProperty: readOnly,
  };
  return viewOf(value) as T;
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
  return safeView(report, format === "markdown" ? markdownText : printable);
}
