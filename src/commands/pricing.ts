import { Option, type Command } from "commander";
import { FORMATS } from "../report/formats.ts";
import type { Io, Outcome } from "./io.ts";
import { atOption, collectPaths, dateOption, modelListOption, nonEmpty, percentArg, type OutputFlags } from "./options.ts";
import type { Dialect } from "../pricing/export.ts";
import type { DiffFlags, ExportFlags, ImportFlags } from "./pricing-run.ts";

// `tokencost pricing …` (SPEC §10): the registry's own tooling. `validate` checks pricing files
// the way a reviewer would before they are used. Only the flags live here; the work is loaded
// when a subcommand runs (pricing-run.ts, a bundle of its own).

const run = () => import("./pricing-run.ts");
// Every dialect the SQL export knows (a Record over Dialect: adding one there fails to compile here).
const DIALECT_NAMES: Record<Dialect, true> = { duckdb: true, bigquery: true, clickhouse: true, postgres: true };
const DIALECTS = Object.keys(DIALECT_NAMES);

export function pricingCommand(program: Command, io: Io, outcome: Outcome): void {
  const pricing = program.command("pricing").description("check, compare, import and export pricing files");
  pricing
    .command("validate")
    .description("check pricing files: the schema, and figures a schema cannot judge (every problem, by file and JSON path)")
    .argument("<files...>", "pricing files (JSON)")
    .addOption(new Option("--format <format>", "output format (default: table)").choices(FORMATS))
    .option("--json", "short for --format json")
    .action(async (files: string[], flags: OutputFlags) => (await run()).validate(files, flags, io, outcome));

  const imp = pricing
    .command("import")
    .description("convert another project's price file into tokencost pricing files (one per provider)")
    .argument("<file>", "the other project's price file (JSON)")
    .addOption(new Option("--from <project>", "whose format the file is in").choices(["litellm", "models.dev", "openrouter", "genai-prices"]).makeOptionMandatory())
    .option("-o, --out <path>", "where to write: a .json file (one provider), else a directory (a file per provider); default stdout (one provider)")
    .option("--only <provider>", "only this provider's models", nonEmpty("a provider"))
    .addOption(modelListOption("--models <ids>", "only these models (ids as in the file, or tokencost ids)"))
    .addOption(dateOption("--as-of <date>", "the date the prices are as of, where the file does not say (default: today)"));
  imp.action(async (file: string, flags: ImportFlags) => (await run()).importPrices(file, flags, io));

  const diff = pricing
    .command("diff")
    .description("what changed between two registries (files, directories, or `bundled`), and how each workload's cost per run moves")
    .argument("<old>", "pricing file or directory, or bundled")
    .argument("<new>", "pricing file or directory, or bundled")
    .argument("[workloads...]", "workload files or directories to price on each changed model")
    .addOption(new Option("--format <format>", "output format (default: table)").choices(["table", "json", "markdown"]))
    .option("--json", "short for --format json")
    .option("--fail-above-percent <p>", "exit 1 when a workload's cost per run on a changed model rises more than this", percentArg)
    .option("--over-bundled", "read each side's files over the bundled registry, as --pricing does (for override files)");
  diff.addOption(atOption());
  diff.action(async (oldArg: string, newArg: string, workloads: string[], flags: DiffFlags) => (await run()).pricingDiff(oldArg, newArg, workloads, flags, io, outcome));

  const exp = pricing
    .command("export")
    .description("the registry in force on a day as one flat table (a row per model and price band): CSV, JSON, or SQL for a warehouse")
    .addOption(new Option("--format <format>", "csv, json or sql (default: csv)").choices(["csv", "json", "sql"]))
    .addOption(new Option("--dialect <dialect>", "SQL dialect (default: duckdb)").choices(DIALECTS))
    .option("--table <name>", "SQL table name (default: tokencost_prices)", nonEmpty("a table name"))
    .option("--pricing <file>", "merge a pricing file over the bundled registry (repeatable)", collectPaths);
  exp.addOption(atOption());
  exp.action(async (flags: ExportFlags) => (await run()).exportPrices(flags, io));
}
