import { isTokencostError, TokencostError } from "../errors.ts";
import { priceTable, priceTableSql, type Dialect } from "../pricing/export.ts";
import { bundledPricing, pricingFileNames } from "../pricing/bundled.ts";
import { Registry, type PricingSource } from "../pricing/registry.ts";
import { isDirectory, listDirectory } from "../read.ts";
import { SCHEMA_VERSION } from "../report/report.ts";
import { toJson } from "../report/json.ts";
import { printable } from "../text.ts";
import type { Io, Outcome } from "./io.ts";
import { outputFormat, type OutputFlags } from "./options.ts";
import { paintFor, registryFor, staleNotice } from "./context.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { importLitellm } from "../pricing/import/litellm.ts";
import { importOpenrouter } from "../pricing/import/openrouter.ts";
import { importGenaiPrices } from "../pricing/import/genai-prices.ts";
import { importModelsDev } from "../pricing/import/models-dev.ts";
import { diffEstimates } from "../engine/diff.ts";
import { estimate } from "../engine/estimate.ts";
import { diffRegistries } from "../pricing/registry-diff.ts";
import { renderPricingDiff, type CostChange, type PricingDiffReport } from "../report/pricing-diff.ts";
import { safeForFormat } from "../report/safe-text.ts";
import { workloadSources } from "./workload-input.ts";

// What `tokencost pricing …` does (SPEC §10), in a bundle of its own (dist/bin/pricing-run.cjs):
// importers, diff and export are code an everyday start-up should not read.


export type ExportFlags = { format?: "csv" | "json" | "sql"; dialect?: Dialect; table?: string; pricing?: string[]; at?: string };

export async function exportPrices(flags: ExportFlags, io: Io): Promise<void> {
  if (flags.dialect && flags.format !== "sql") throw new TokencostError("USAGE", "--dialect is for --format sql");
  if (flags.table && flags.format !== "sql") throw new TokencostError("USAGE", "--table is for --format sql");
  if (flags.table && !/^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_-]{0,62}){0,2}$/.test(flags.table)) {
    throw new TokencostError("USAGE", `--table ${flags.table}: a table name is letters, digits and _ (not starting with a digit), dataset.table or project.dataset.table`);
  }
  const registry = await registryFor({ pricing: flags.pricing }, io, "full");
  const at = flags.at ?? io.today();
  const table = priceTable(registry.all(), at);
  const format = flags.format ?? "csv";
  for (const w of staleNotice(registry, at)) io.stderr.write(`warning: ${w.message}\n`);
  if (format === "sql") io.stdout.write(priceTableSql(table, flags.dialect ?? "duckdb", flags.table, registry.asOf));
  else if (format === "json") {
    const rows = table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, c.type === "rate" && r[i] !== null ? Number(r[i]) : r[i]])));
    io.stdout.write(toJson({ schemaVersion: SCHEMA_VERSION, command: "pricing export", at, registryAsOf: registry.asOf, columns: table.columns, rows }));
  } else {
    const { toCsv } = await import("../report/csv.ts");
    io.stdout.write(toCsv([table.columns.map((c) => c.name), ...table.rows]));
  }
}

interface FileResult {
  file: string;
  models: number;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

export async function validate(files: string[], flags: OutputFlags, io: Io, outcome: Outcome): Promise<void> {
  const format = outputFormat(flags);
  const { checkPricingFile } = await import("../validators.ts");
  const { formatPath } = await import("../text.ts");
  const { parseJson, readTextFile } = await import("../read.ts");
  const sources = bundledPricing("pricing");
  const bundled = { registry: new Registry(sources), sources };
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

export type DiffFlags = { format?: "table" | "json" | "markdown"; json?: boolean; at?: string; failAbovePercent?: number; overBundled?: boolean };

/**
 * A registry as a diff side: the bundled one, a directory of pricing files, or one file.
 * `bundled` gives the bundled files, read once for both sides.
 */
async function registrySide(arg: string, overBundled: boolean, bundled: () => PricingSource[]): Promise<Registry> {
  if (arg === "bundled") return new Registry(bundled());
  const { readPricingFile } = await import("../validators.ts");
  let files = [arg];
  if (isDirectory(arg)) {
    files = pricingFileNames(listDirectory(arg)).map((f) => join(arg, f));
    if (files.length === 0) throw new TokencostError("USAGE", `${arg}: no pricing files (*.json) in this directory`);
  }
  return new Registry([...(overBundled ? bundled() : []), ...files.map((f) => readPricingFile(f))]);
}

export async function pricingDiff(oldArg: string, newArg: string, workloadArgs: string[], flags: DiffFlags, io: Io, outcome: Outcome): Promise<void> {
  const format = outputFormat(flags);
  const at = flags.at ?? io.today();
  let full: PricingSource[] | undefined;
  const bundled = () => (full ??= bundledPricing("full"));
  const [before, after] = [await registrySide(oldArg, Boolean(flags.overBundled), bundled), await registrySide(newArg, Boolean(flags.overBundled), bundled)];
  const models = diffRegistries(before, after);
  const changed = models.filter((m) => m.kind === "changed");
  const costs: CostChange[] = [];
  const notes: string[] = [];
  const thresholds = flags.failAbovePercent === undefined ? {} : { percent: flags.failAbovePercent };
  for (const source of workloadArgs.length ? workloadSources(workloadArgs, {}, io) : []) {
    const { workload } = await source();
    for (const m of changed) {
      const price = (registry: Registry) => {
        try {
          return estimate(workload, registry, m.model, { at, allowRetired: true });
        } catch (e) {
          if (!isTokencostError(e)) throw e;
          notes.push(`${workload.name} on ${m.model}: ${e.message}`);
          return null;
        }
      };
      const [b, h] = [price(before), price(after)];
      if (!b || !h) continue;
      const d = diffEstimates(b, h, thresholds);
      costs.push({
        workload: workload.name,
        model: m.model,
        base: { usd: b.cost.total.toNumber(), usdExact: b.cost.total.toString() },
        head: { usd: h.cost.total.toNumber(), usdExact: h.cost.total.toString() },
        deltaUsd: d.deltaUsd.toNumber(),
        deltaPercent: d.deltaPercent,
        pass: d.failures.length === 0,
        failures: d.failures,
      });
    }
  }
  const failed = costs.filter((c) => !c.pass).length;
  const report: PricingDiffReport = {
    schemaVersion: SCHEMA_VERSION,
    command: "pricing diff",
    at,
    old: oldArg,
    new: newArg,
    registryAsOf: { old: before.asOf, new: after.asOf },
    summary: { changed: changed.length, added: models.filter((m) => m.kind === "added").length, removed: models.filter((m) => m.kind === "removed").length, failed },
    models,
    costs,
    thresholds,
  };
  if (format === "json") io.stdout.write(toJson(report));
  else io.stdout.write(renderPricingDiff(safeForFormat(report, format), format, format === "table" ? await paintFor(io) : undefined));
  for (const n of notes) io.stderr.write(`warning: ${printable(n)}\n`);
  // Both sides may be (or stand on) the bundled registry: its age is said once.
  const stale = new Set([before, after].flatMap((side) => staleNotice(side, at).map((w) => w.message)));
  for (const message of stale) io.stderr.write(`warning: ${message}\n`);
  if (failed > 0) outcome.code = 1;
}

export type ImportFlags = { from: "litellm" | "models.dev" | "openrouter" | "genai-prices"; out?: string; only?: string; models?: string[]; asOf?: string };

export async function importPrices(path: string, flags: ImportFlags, io: Io): Promise<void> {
  const { parseJson, readTextFile } = await import("../read.ts");
  const { validatePricingFile } = await import("../validators.ts");
  const data = parseJson(readTextFile(path, `${flags.from} price file`), path);
  const registry = new Registry(bundledPricing("full"));
  const options = { file: basename(path), asOf: flags.asOf ?? io.today(), only: flags.only, models: flags.models };
  const importer = { litellm: importLitellm, "models.dev": importModelsDev, openrouter: importOpenrouter, "genai-prices": importGenaiPrices }[flags.from];
  const result = importer(data, registry, options);
  if (result.error) throw new TokencostError("PRICING", `${path}: ${result.error}`);
  // Each entry is held to the schema on its own: one the schema refuses is skipped, said, and
  // spoils none of the others.
  for (const f of result.files.values()) {
    f.models = f.models.filter((m) => {
      try {
        validatePricingFile(JSON.parse(JSON.stringify({ provider: f.provider, models: [m] })), "entry");
        return true;
      } catch (e) {
        if (!isTokencostError(e)) throw e;
        result.skipped.push({ model: m.id, reason: `not a valid entry: ${e.message.replace(/^entry: models\[0\]\.?/, "")}` });
        return false;
      }
    });
    if (f.models.length === 0) result.files.delete(f.provider!);
  }
  if (result.imported === 0) throw new TokencostError("PRICING", `${path}: no model to import${flags.only || flags.models ? " with --only / --models" : ""} (${result.skipped.length} skipped)`);
  // What is written is held to the schema users' files are held to.
  const files = [...result.files.values()].map((f) => validatePricingFile(JSON.parse(JSON.stringify(f)), `imported ${f.provider}`) && f);
  const text = (f: unknown) => `${JSON.stringify(f, null, 2)}\n`;
  const written: string[] = [];
  const write = (out: string, body: string) => {
    try {
      writeFileSync(out, body);
    } catch (e) {
      throw new TokencostError("FILE", `${out}: cannot write the pricing file: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such directory" : (e as Error).message}`);
    }
  };
  if (!flags.out) {
    if (files.length > 1) {
      throw new TokencostError("USAGE", `${path} holds ${files.length} providers (${files.map((f) => f.provider).join(", ")}), and a pricing file names one: write them with -o DIR, or pick one with --only`);
    }
    io.stdout.write(text(files[0]));
  } else if (flags.out.endsWith(".json")) {
    if (files.length > 1) throw new TokencostError("USAGE", `-o ${flags.out}: ${files.length} providers need a directory (a file per provider), or --only`);
    write(flags.out, text(files[0]));
    written.push(flags.out);
  } else {
    try {
      mkdirSync(flags.out, { recursive: true });
    } catch (e) {
      throw new TokencostError("FILE", `-o ${flags.out}: cannot make the directory: ${(e as NodeJS.ErrnoException).code === "EEXIST" ? "a file of that name is there (a single provider's file ends in .json)" : (e as Error).message}`);
    }
    for (const f of files) {
      const out = join(flags.out, `${f.provider}.json`);
      write(out, text(f));
      written.push(out);
    }
  }
  const skipped = result.skipped.length ? `; skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.model} (${s.reason})`).slice(0, 8).join(", ")}${result.skipped.length > 8 ? ", …" : ""}` : "";
  io.stderr.write(`imported ${result.imported} model${result.imported === 1 ? "" : "s"} from ${printable(path)} (${result.overrides.length} override bundled ones${result.overrides.length ? `: ${result.overrides.join(", ")}` : ""})${skipped}${written.length ? `; wrote ${written.map(printable).join(", ")}` : ""}\n`);
  for (const n of result.notes) io.stderr.write(`warning: ${printable(`${n.model}: ${n.reason}`)}\n`);
  for (const m of result.unmatched()) io.stderr.write(`warning: --models ${printable(m)}: no such model in ${printable(path)}\n`);
}
