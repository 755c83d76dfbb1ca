import type { Command } from "commander";
import { diffEstimates, type Thresholds } from "../engine/diff.ts";
import { DAYS_PER_MONTH, estimate } from "../engine/estimate.ts";
import { TokencostError } from "../errors.ts";
import { diffRow, type DiffReport } from "../report/diff-row.ts";
import { resultOf, SCHEMA_VERSION } from "../report/report.ts";
import { registryFor, writeOutput, writeStepSummary } from "./context.ts";
import { comparisonNotices, writeWarnings } from "./warning-lines.ts";
import type { Io, Outcome } from "./io.ts";
import {
  addOutputOptions,
  addPricingDateOptions,
  addScalingOptions,
  modelListOption,
  outputFormat,
  warningMode,
  percentArg,
  scalingOptions,
  usdArg,
  type OutputFlags,
  type PricingDateFlags,
  type ScalingFlags,
} from "./options.ts";
import { loadWorkloadArgs } from "./workload-input.ts";

type Flags = OutputFlags & PricingDateFlags & ScalingFlags & { model?: string[]; failAbovePercent?: number; failAboveUsd?: number };


export function diffCommand(program: Command, io: Io, outcome: Outcome): void {
  const cmd = program
    .command("diff")
    .description("cost and time change between two workloads; exit 1 when an increase passes a threshold")
    .argument("<base>", "the workload before (a file, or - for stdin)")
    .argument("<head>", "the workload after")
    .addOption(modelListOption("-m, --model <id>", "compare on this model, both sides (repeatable; default: each side's own model)"))
    .option("--fail-above-percent <p>", "fail when cost per run rises by more than p percent", percentArg)
    .option("--fail-above-usd <usd>", "fail when cost per run rises by more than this many USD", usdArg);
  addScalingOptions(cmd, { all: false });
  addPricingDateOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (baseArg: string, headArg: string, flags: Flags) => {
    if (baseArg === "-" && headArg === "-") throw new TokencostError("USAGE", "only one of BASE and HEAD can be - (stdin)");
    const format = outputFormat(flags);
    const mode = warningMode(flags);
    const registry = await registryFor(flags, io);
    const at = flags.at ?? io.today();
    const one = async (arg: string) => {
      const loaded = await loadWorkloadArgs([arg], {}, io);
      if (loaded.length !== 1) throw new TokencostError("USAGE", `${arg}: diff compares two workload files, not directories`);
      return loaded[0]!;
    };
    const base = await one(baseArg);
    const head = await one(headArg);
    const thresholds: Thresholds = {};
    if (flags.failAbovePercent !== undefined) thresholds.percent = flags.failAbovePercent;
    if (flags.failAboveUsd !== undefined) thresholds.usd = flags.failAboveUsd;

    const options = { at, allowRetired: Boolean(flags.allowRetired), ...scalingOptions(flags) };
    const pairs = (flags.model ?? [undefined]).map((model) => [
      estimate(base.workload, registry, model, options),
      estimate(head.workload, registry, model, options),
    ] as const);
    const diffs = pairs.map(([b, h]) => diffRow(diffEstimates(b, h, thresholds)));
    const failed = diffs.filter((d) => !d.pass).length;
    const report: DiffReport = {
      schemaVersion: SCHEMA_VERSION,
      command: "diff",
      at,
      monthDays: DAYS_PER_MONTH,
      base: base.info,
      head: head.info,
      thresholds,
      diffs,
      summary: { models: diffs.length, failed },
    };
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).renderDiff);
    const results = pairs.flatMap(([b, h]) => [resultOf(b), resultOf(h)]);
    writeWarnings(io, results, comparisonNotices(results), mode);
    if (io.env.GITHUB_STEP_SUMMARY) writeStepSummary(io, (await import("./renderers.ts")).diffMarkdown(report));
    if (failed > 0) outcome.code = 1;
  });
}
