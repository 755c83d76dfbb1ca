import { boxTable } from "./box.ts";
import { formatPercentDelta, formatUsd, formatUsdDelta } from "./format.ts";
import { mdTable } from "./markdown.ts";
import { plain, type Paint } from "./paint.ts";
import type { ModelChange } from "../pricing/registry-diff.ts";
import type { SCHEMA_VERSION } from "./report.ts";

// `pricing diff` as a table or markdown (for the pull request that updates the prices).

export interface CostChange {
  workload: string;
  model: string;
  // A workload that one side cannot price is a note on stderr, not a row.
  base: { usd: number; usdExact: string };
  head: { usd: number; usdExact: string };
  deltaUsd: number;
  deltaPercent: number | null;
  pass: boolean;
  failures: string[];
}

export interface PricingDiffReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "pricing diff";
  at: string;
  old: string;
  new: string;
  /** The bundled prices' date on each side (null for a side without bundled entries). */
  registryAsOf: { old: string | null; new: string | null };
  summary: { changed: number; added: number; removed: number; failed: number };
  models: ModelChange[];
  costs: CostChange[];
  thresholds: { percent?: number };
}

const changeRows = (r: PricingDiffReport): string[][] =>
  r.models.flatMap((m) =>
    m.kind === "changed" ? m.changes.map((c) => [m.model, c.figure, c.old ?? "—", c.new ?? "—"]) : [[m.model, m.kind, "", ""]],
  );

const costRows = (r: PricingDiffReport): string[][] =>
  r.costs.map((c) => [
    c.workload,
    c.model,
    formatUsd(c.base.usd),
    formatUsd(c.head.usd),
    `${formatUsdDelta(c.deltaUsd)} (${formatPercentDelta(c.deltaPercent)})`,
    c.pass ? "ok" : `FAIL: ${c.failures.join("; ")}`,
  ]);

const summary = (r: PricingDiffReport) => {
  const asOf = [r.registryAsOf.old, r.registryAsOf.new].some(Boolean) ? ` · prices as of ${r.registryAsOf.old ?? "—"} → ${r.registryAsOf.new ?? "—"}` : "";
  return `${r.summary.changed} changed, ${r.summary.added} added, ${r.summary.removed} removed · rates for ${r.at}${asOf}`;
};

export function renderPricingDiff(r: PricingDiffReport, format: string, paint: Paint = plain): string {
  if (format === "markdown") {
    const out = [`### tokencost pricing diff: \`${r.old}\` → \`${r.new}\``, "", summary(r)];
    if (r.models.length) out.push("", mdTable(["model", "figure", "old", "new"], [":--", ":--", "--:", "--:"], changeRows(r)));
    if (r.costs.length) out.push("", mdTable(["workload", "model", "before", "after", "change", ""], [":--", ":--", "--:", "--:", "--:", ":--"], costRows(r)));
    return `${out.join("\n")}\n`;
  }
  const out = [`${paint.bold(`tokencost pricing diff ${r.old} → ${r.new}`)} · ${summary(r)}`];
  if (r.models.length === 0) out.push("no model's rates, limits or lifecycle changed");
  else {
    const t = boxTable(["model", "figure", "old", "new"].map((h) => paint.bold(h)), ["left", "left", "right", "right"]);
    for (const row of changeRows(r)) t.push(row);
    out.push(t.toString());
  }
  if (r.costs.length) {
    const t = boxTable(["workload", "model", "before", "after", "change", ""].map((h) => paint.bold(h)), ["left", "left", "right", "right", "right", "left"]);
    for (const row of costRows(r)) t.push(row.map((c, i) => (i === 5 && c !== "ok" ? paint.red(c) : c)));
    out.push(paint.bold("cost per run of each workload on each changed model"), t.toString());
  }
  return `${out.join("\n")}\n`;
}
