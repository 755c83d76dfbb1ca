import type { Preset } from "../workload/presets.ts";
import { toCsv } from "./csv.ts";
import { plain, type Paint } from "./paint.ts";
import type { Format } from "./formats.ts";
import type { SCHEMA_VERSION } from "./report.ts";
import { toJson } from "./json.ts";


export interface PresetsReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "presets";
  presets: readonly Preset[];
}

export function renderPresets(report: PresetsReport, format: Format, paint: Paint = plain): string {
  const { presets } = report;
  switch (format) {
    case "json":
      return toJson(report);
    case "csv":
      return toCsv([["name", "summary", "assumptions"], ...presets.map((p) => [p.name, p.summary, p.assumptions.join("; ")])]);
    case "markdown":
      return `${presets.map((p) => `### \`${p.name}\` — ${p.summary}\n\n${p.assumptions.map((a) => `- ${a}`).join("\n")}\n`).join("\n")}`;
    case "table":
      return `${presets
        .map((p) => `${paint.bold(p.name)} — ${p.summary}\n${p.assumptions.map((a) => `  · ${a}`).join("\n")}`)
        .join("\n\n")}\n\n${paint.dim("use one with --preset NAME, e.g. tokencost estimate --preset rag --model gemini-3.5-flash")}\n`;
  }
}
