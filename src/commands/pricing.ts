import { Option, type Command } from "commander";
import { isTokencostError } from "../errors.ts";
import { bundledPricing } from "../pricing/bundled.ts";
import { Registry } from "../pricing/registry.ts";
import { SCHEMA_VERSION } from "../report/report.ts";
import { toJson } from "../report/json.ts";
import { printable } from "../text.ts";
import type { Io, Outcome } from "./io.ts";
import { outputFormat, type OutputFlags } from "./options.ts";
import { FORMATS } from "../report/formats.ts";

// `tokencost pricing …` (SPEC §10): the registry's own tooling. `validate` checks pricing files
// the way a reviewer would before they are used.

export function pricingCommand(program: Command, io: Io, outcome: Outcome): void {
  const pricing = program.command("pricing").description("check, compare, import and export pricing files");
  pricing
    .command("validate")
    .description("check pricing files: the schema, and figures a schema cannot judge (every problem, by file and JSON path)")
    .argument("<files...>", "pricing files (JSON)")
    .addOption(new Option("--format <format>", "output format (default: table)").choices(FORMATS))
    .option("--json", "short for --format json")
    .action(async (files: string[], flags: OutputFlags) => validate(files, flags, io, outcome));
}

interface FileResult {
  file: string;
  models: number;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

async function validate(files: string[], flags: OutputFlags, io: Io, outcome: Outcome): Promise<void> {
  const format = outputFormat(flags);
  const { checkPricingFile } = await import("../validators.ts");
  const { formatPath } = await import("../text.ts");
  const { parseJson, readTextFile } = await import("../read.ts");
  const bundled = new Registry(bundledPricing("pricing"));
  const results: FileResult[] = files.map((file) => {
    let data: unknown;
    try {
      data = parseJson(readTextFile(file, "pricing file"), file);
    } catch (e) {
      if (!isTokencostError(e)) throw e;
      // The message already names the file; the rest of it is the problem.
      const message = e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message;
      return { file, models: 0, errors: [{ path: "(file)", message }], warnings: [] };
    }
    const { file: parsed, problems } = checkPricingFile(data, bundled);
    const of = (severity: string) => problems.filter((p) => p.severity === severity).map((p) => ({ path: formatPath(p.path), message: p.message }));
    return { file, models: parsed?.models?.length ?? 0, errors: of("error"), warnings: of("warning") };
  });
  const failed = results.some((r) => r.errors.length > 0);
  if (format === "json") {
    io.stdout.write(toJson({ schemaVersion: SCHEMA_VERSION, command: "pricing validate", valid: !failed, files: results }));
  } else if (!failed) {
    for (const r of results) {
      const w = r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"}` : "";
      io.stdout.write(`${printable(r.file)}: valid (${r.models} model${r.models === 1 ? "" : "s"}${w})\n`);
    }
  }
  if (format !== "json") {
    for (const r of results) {
      for (const e of r.errors) io.stderr.write(`error: ${printable(`${r.file}: ${e.path}: ${e.message}`)}\n`);
      for (const w of r.warnings) io.stderr.write(`warning: ${printable(`${r.file}: ${w.path}: ${w.message}`)}\n`);
    }
  }
  if (failed) {
    const n = results.reduce((s, r) => s + r.errors.length, 0);
    if (format !== "json") io.stderr.write(`tokencost: ${n} error${n === 1 ? "" : "s"} in ${results.filter((r) => r.errors.length).length} of ${results.length} file${results.length === 1 ? "" : "s"}\n`);
    outcome.code = 2;
  }
}
