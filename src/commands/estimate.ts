import type { Command } from "commander";
import { DAYS_PER_MONTH, estimate } from "../engine/estimate.ts";
import { markResults, resultOf, SCHEMA_VERSION, type Report } from "../report/report.ts";
import { registryFor, staleNotice, writeOutput } from "./context.ts";
import { comparisonNotices, shownInReport, writeWarnings } from "./warning-lines.ts";
import type { Io } from "./io.ts";
import {
  addOutputOptions,
  addPricingDateOptions,
  addScalingOptions,
  addWorkloadOptions,
  modelListOption,
  outputFormat,
  warningMode,
  scalingOptions,
  type OutputFlags,
  type PricingDateFlags,
  type ScalingFlags,
  type WorkloadFlags,
} from "./options.ts";
import { loadWorkload } from "./workload-input.ts";

type Flags = OutputFlags & PricingDateFlags & WorkloadFlags & ScalingFlags & { model?: string[] };

export function estimateCommand(program: Command, io: Io): void {
  const cmd = program
    .command("estimate")
    .description("cost and time of one workload on one or more models")
    .argument("[workload]", "workload JSON file, or - for stdin (default: piped stdin, else the coding-agent preset)")
    .addOption(modelListOption("-m, --model <id>", "model id, alias or provider/id (repeatable, or a,b,c)"));
  addWorkloadOptions(cmd);
  addScalingOptions(cmd, { all: false });
  addPricingDateOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (arg: string | undefined, flags: Flags) => {
    const format = outputFormat(flags);
    const mode = warningMode(flags);
    const registry = await registryFor(flags, io);
    const { workload, info, notices } = await loadWorkload(arg, flags, io);
    const at = flags.at ?? io.today();
    const names: (string | undefined)[] = flags.model ?? [undefined];
    const options = { at, allowRetired: Boolean(flags.allowRetired), ...scalingOptions(flags) };
    // A calculator answers "what would 1M in + 1M out cost" even where it does not fit: the
    // report says so (fits: false, the turn, size and limit), and `check` fails it.
    const estimates = names.map((name) => estimate(workload, registry, name, options));
    const results = estimates.map(resultOf);
    if (results.length > 1) markResults(results);
    const report: Report = { schemaVersion: SCHEMA_VERSION, command: "estimate", at, workload: info, monthDays: DAYS_PER_MONTH, registryAsOf: registry.asOf, results };
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).render);
    writeWarnings(io, results, [...notices, ...staleNotice(registry, at), ...comparisonNotices(results)], mode, shownInReport(format, results, "estimate"));
  });
}
