import type { Command } from "commander";
import { diffEstimates, type Thresholds } from "../engine/diff.ts";
import { DAYS_PER_MONTH, estimate } from "../engine/estimate.ts";
import { TokencostError } from "../errors.ts";
import { diffRow, type DiffReport } from "../report/diff-row.ts";
import { resultOf, SCHEMA_VERSION } from "../report/report.ts";
import { registryFor, staleNotice, writeOutput, writeStepSummary } from "./context.ts";
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
import { workloadSources } from "./workload-input.ts";

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
    const thresholds: Thresholds = {};
    if (flags.failAbovePercent !== undefined) thresholds.percent = flags.failAbovePercent;
    if (flags.failAboveUsd !== undefined) thresholds.usd = flags.failAboveUsd;
    const options = { at, allowRetired: Boolean(flags.allowRetired), ...scalingOptions(flags) };
    const models = flags.model ?? [undefined];
    // Each side is read, priced on every model and let go before the other is read.
    const side = async (arg: string) => {
      const sources = workloadSources([arg], {}, io);
      if (sources.length !== 1) throw new TokencostError("USAGE", `${arg}: diff compares two workload files, not directories`);
      const { workload, info } = await sources[0]!();
      return { info, estimates: models.map((model) => estimate(workload, registry, model, options)) };
    };
    const base = await side(baseArg);
    const head = await side(headArg);
    const pairs = base.estimates.map((b, i) => [b, head.estimates[i]!] as const);
    const diffs = pairs.map(([b, h]) => diffRow(diffEstimates(b, h, thresholds)));
    const failed = diffs.filter((d) => !d.pass).length;
    const report: DiffReport = {
      schemaVersion: SCHEMA_VERSION,
      command: "diff",
      at,
      registryAsOf: registry.asOf,
      monthDays: DAYS_PER_MONTH,
      base: base.info,
      head: head.info,
      thresholds,
      diffs,
      summary: { models: diffs.length, failed },
    };
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).renderDiff);
    const results = pairs.flatMap(([b, h]) => [resultOf(b), resultOf(h)]);
    writeWarnings(io, results, [...staleNotice(registry, at), ...comparisonNotices(results)], mode);
    if (io.env.GITHUB_STEP_SUMMARY) writeStepSummary(io, (await import("./renderers.ts")).diffMarkdown(report));
    if (failed > 0) outcome.code = 1;
  });
}
