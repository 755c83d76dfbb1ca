import { writeFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { TokencostError } from "../errors.ts";
import { isDirectory } from "../read.ts";
import type { Model } from "../pricing/registry.ts";
import { usageReport, type ReadStats, type UsageReport } from "../report/usage.ts";
import { calibrate } from "../usage/calibrate.ts";
import { LogParser } from "../usage/parse-line.ts";
import { Tally, type GroupBy } from "../usage/tally.ts";
import { groupDigits, printable } from "../text.ts";
import { registryFor, staleNotice, writeOutput } from "./context.ts";
import type { Io, Outcome } from "./io.ts";
import { outputFormat, warningMode, type OutputFlags } from "./options.ts";
import { expandSources, readLog } from "./usage-input.ts";
import { writeFlatWarnings } from "./warning-lines.ts";

// What `tokencost usage` does (SPEC §9): logs in, one pass; what they cost, what they would cost
// elsewhere, and the workload they describe. A bundle of its own (dist/bin/usage-run.cjs): log
// formats and the tally are code an everyday start-up should not read.

export type UsageFlags = OutputFlags & {
  by?: GroupBy;
  at?: string;
  whatIf?: string[];
  sameTokens?: boolean;
  calibrate?: boolean;
  agent?: boolean;
  model?: string;
  emitPricing?: string;
  strict?: boolean;
};

const SHOWN_MALFORMED = 5;



export async function runUsage(args: string[], flags: UsageFlags, io: Io, _outcome: Outcome): Promise<void> {
  const format = outputFormat(flags);
  const mode = warningMode(flags);
  if (flags.agent && !flags.calibrate) throw new TokencostError("USAGE", "--agent fits the agent form for --calibrate: add --calibrate");
  if (flags.model && !flags.calibrate) throw new TokencostError("USAGE", "--model picks the logged model --calibrate fits: add --calibrate (the report covers every model)");
  if (flags.emitPricing && flags.calibrate) throw new TokencostError("USAGE", "--emit-pricing writes the measured speeds of the report; --calibrate prints a workload instead: run them apart");
  if (flags.sameTokens && !flags.whatIf) throw new TokencostError("USAGE", "--same-tokens switches off the scaling of --what-if: add --what-if MODEL");
  const sources = args.length > 0 ? args : io.stdinPiped ? ["-"] : [];
  if (sources.length === 0) throw new TokencostError("USAGE", "give log files or directories to read (or - for stdin)", "`tokencost usage --help` lists the formats");
  if (sources.filter((s) => s === "-").length > 1) throw new TokencostError("USAGE", "- (stdin) can be read once");

  // Every log line is parsed into objects that die at once; V8 would still grow its young
  // generation to 16 MB × 3 and promote more of them. Kept at its smallest, a million-line log
  // runs in ~40 MB less memory, and no slower (scavenges of dead objects are cheap).
  (await import("node:v8")).setFlagsFromString("--semi-space-growth-factor=1");
  const registry = await registryFor(flags, io);
  const whatIf: Model[] = (flags.whatIf ?? []).map((name) => registry.get(name, "--what-if"));
  const files = expandSources(sources);
  if (files.length === 0) throw new TokencostError("FILE", `${sources.join(", ")}: no log files there (.jsonl, .ndjson, .json, .csv, .log, .txt, or any of them .gz)`);

  const tally = new Tally({ registry, by: flags.by ?? "model", at: flags.at, today: io.today(), whatIf, sameTokens: Boolean(flags.sameTokens), sessions: Boolean(flags.agent) });
  const read: ReadStats = { files: files.map((f) => (f === "-" ? "stdin" : f)), malformed: 0, malformedLines: [], attributeAliases: [], skippedChunks: 0 };
  const notes = { aliases: new Set<string>(), skippedChunks: 0 };
  const progress = new Progress(io);
  let parser: LogParser | null = null;
  let label = "";
  const malformed = (line: number, reason: string) => {
    read.malformed++;
    if (read.malformedLines.length < SHOWN_MALFORMED) read.malformedLines.push({ file: label, line, reason });
  };
  // A file that is one JSON document (an array of responses, a pretty-printed TracesData) rather
  // than JSON lines is gathered and parsed whole at its end.
  let document: string[] | null = null;
  let documentBytes = 0;
  let firstLine = true;
  const abandonDocument = () => {
    if (!document || !parser) return;
    const lines = document;
    document = null;
    lines.forEach((text, i) => take(parser!.line(text, i + 1), i + 1));
  };
  const flushDocument = () => {
    if (!document || !parser) return;
    const lines = document;
    document = null;
    let value: unknown;
    try {
      value = JSON.parse(lines.join("\n"));
    } catch {
      // Not one document after all: its lines, one by one.
      lines.forEach((text, i) => take(parser!.line(text, i + 1), i + 1));
      return;
    }
    take(parser.value(value, 1), 1);
  };
  const take = (r: ReturnType<LogParser["line"]>, lineNo: number) => {
    if (r.kind === "records") {
      for (const rec of r.records) tally.add(rec);
      if (r.malformed) for (let i = 0; i < r.malformed.count; i++) malformed(lineNo, r.malformed.reason);
    } else if (r.kind === "malformed") malformed(lineNo, r.reason);
  };
  for (const file of files) {
    await readLog(
      file,
      {
        file(path) {
          label = path === "-" ? "stdin" : path;
          parser = new LogParser(label, notes);
          document = null;
          firstLine = true;
        },
        line(raw, lineNo) {
          progress.tick(label, tally.records);
          // A byte-order mark starts some files; it is no part of their first line.
          const text = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
          if (document) {
            documentBytes += text.length;
            document.push(text);
            // A document past the limit is no document a log exporter writes: its lines, one by one.
            if (documentBytes > MAX_DOCUMENT_CHARS) abandonDocument();
            return;
          }
          if (firstLine && text.trim() !== "") {
            firstLine = false;
            // Pretty-printed JSON opens with a bracket alone on its first line.
            if (/^[[{]\s*[[{]?$/.test(text.trim())) {
              document = [text];
              documentBytes = text.length;
              return;
            }
          }
          take(parser!.line(text, lineNo), lineNo);
        },
        tooLong(lineNo) {
          malformed(lineNo, "longer than 64 MB");
        },
        broken(reason) {
          abandonDocument();
          malformed(0, reason);
        },
      },
      io,
    );
    flushDocument();
  }
  tally.finish();
  progress.done();
  read.attributeAliases = [...notes.aliases].sort();
  read.skippedChunks = notes.skippedChunks;

  if (flags.calibrate) {
    const { workload, notes } = calibrate({ tally, registry, today: io.today(), at: flags.at, model: flags.model, files: read.files, agent: Boolean(flags.agent) });
    // What pricing the fitted model's records said (a logged tier it lacks, its deprecation) is
    // said too: the workload rests on those records. Only that model's, and nothing that could
    // fail once the workload is written.
    const said = [...tally.warnings.values()].filter((w) => w.model === workload.model);
    io.stdout.write(`${JSON.stringify(workload, null, 2)}\n`);
    if (mode !== "quiet") for (const n of notes) io.stderr.write(`warning: ${printable(n)}\n`);
    writeFlatWarnings(io, said, mode);
    return;
  }
  const report = usageReport(tally, read, registry, { by: flags.by ?? "model", at: flags.at, speed: tally.speed.size > 0 || Boolean(flags.emitPricing) });
  if (flags.strict) {
    const unpriced = report.totals.unpricedRecords;
    if (report.malformed > 0 || unpriced > 0) {
      throw new TokencostError("FILE", `--strict: ${[report.malformed > 0 && `${report.malformed} malformed line${report.malformed === 1 ? "" : "s"} (first: ${report.malformedLines.map((m) => `${m.file}:${m.line}`).join(", ")})`, unpriced > 0 && `${unpriced} record${unpriced === 1 ? "" : "s"} of unknown models`].filter(Boolean).join(" and ")}`);
    }
  }
  report.warnings.push(...staleNotice(registry, flags.at ?? io.today()));
  if (flags.emitPricing) emitPricing(flags.emitPricing, report, registry, read.files, io);
  await writeOutput(io, format, report, async () => (await import("./renderers.ts")).renderUsage);
  // Markdown lists the warnings itself; no message on both stdout and stderr.
  writeFlatWarnings(io, format === "markdown" ? [] : report.warnings, mode);
}

/** A JSON document larger than this (in characters) is read line by line instead. */
const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

/**
 * The measured speeds as pricing overrides (SPEC §1 format), one file per provider (a pricing
 * file names one): FILE itself when one provider was measured, else FILE's name with the provider.
 */
function emitPricing(path: string, report: UsageReport, registry: import("../pricing/registry.ts").Registry, files: readonly string[], io: Io): void {
  if (path.endsWith("/") || isDirectory(path)) throw new TokencostError("USAGE", `--emit-pricing ${path}: a directory; name the file to write`);
  // A speed that rounds to 0 is no figure a pricing file may hold (it would not load).
  const rows = (report.speed ?? [])
    .filter((r) => registry.find(r.model))
    .map((r) => ({ ...r, outputTokensPerSecond: r.outputTokensPerSecond && r.outputTokensPerSecond.median > 0 ? r.outputTokensPerSecond : null }))
    .filter((r) => r.outputTokensPerSecond || r.timeToFirstTokenSeconds);
  if (rows.length === 0) {
    throw new TokencostError("USAGE", "--emit-pricing: no record carries the time to its first token (OpenTelemetry spans with a first-token event or attribute, OpenRouter generation stats, Claude Code sessions do)");
  }
  const byProvider = new Map<string, typeof rows>();
  for (const r of rows) {
    const provider = registry.find(r.model)!.provider;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), r]);
  }
  const source = `measured from ${files.join(", ")} by tokencost usage`;
  const asOf = new Date(Math.max(...report.results.map((r) => (r.last ? Date.parse(r.last) : 0)), 0) || Date.parse(io.today())).toISOString().slice(0, 10);
  for (const [provider, list] of byProvider) {
    const out = byProvider.size === 1 ? path : `${path.slice(0, path.length - extname(path).length)}.${provider}${extname(path) || ".json"}`;
    const file = {
      provider,
      models: list.map((r) => ({
        id: registry.find(r.model)!.id,
        speed: {
          ...(r.outputTokensPerSecond ? { outputTokensPerSecond: r.outputTokensPerSecond.median } : {}),
          ...(r.timeToFirstTokenSeconds ? { timeToFirstTokenSeconds: r.timeToFirstTokenSeconds.median } : {}),
          source: `${source} (median of ${Math.max(r.outputTokensPerSecond?.samples ?? 0, r.timeToFirstTokenSeconds?.samples ?? 0)} requests)`,
          asOf,
        },
      })),
    };
    try {
      writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
    } catch (e) {
      throw new TokencostError("FILE", `${out}: cannot write the pricing file: ${(e as Error).message}`);
    }
    io.stderr.write(`wrote ${printable(out)}: measured speed of ${list.length} model${list.length === 1 ? "" : "s"} (${basename(out)} is a --pricing file)\n`);
  }
}

/** "reading FILE: N records" on a terminal's stderr, once a run has taken two seconds. */
export class Progress {
  private readonly start: number;
  private lines = 0;
  private shown = false;
  private readonly on: boolean;

  constructor(
    private readonly io: Pick<Io, "stderr">,
    private readonly now: () => number = Date.now,
  ) {
    this.on = Boolean(io.stderr.isTTY);
    this.start = now();
  }

  /** Called per line; looks at the clock every 50,000 lines only. */
  tick(file: string, records: number): void {
    if (!this.on || ++this.lines % 50_000 !== 0) return;
    if (this.now() - this.start < 2000) return;
    this.shown = true;
    this.io.stderr.write(`\r\u001b[Kreading ${printable(file)}: ${groupDigits(records)} records`);
  }

  done(): void {
    if (this.shown) this.io.stderr.write("\r\u001b[K");
  }
}
