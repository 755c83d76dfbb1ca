import type { Command } from "commander";
import { checkBudget, mergeBudgets } from "../engine/budget.ts";
import { DAYS_PER_MONTH, estimate, type Estimate } from "../engine/estimate.ts";
import { TokencostError } from "../errors.ts";
import type { CheckReport, CheckRow } from "../report/check.ts";
import { resultOf, SCHEMA_VERSION, type WorkloadInfo } from "../report/report.ts";
import type { Warning } from "../warnings.ts";
import type { Budget, Workload } from "../workload/types.ts";
import { registryFor, staleNotice, writeOutput, writeStepSummary } from "./context.ts";
import { comparisonNotices, writeWarnings } from "./warning-lines.ts";
import type { Io, Outcome } from "./io.ts";
import {
  addOutputOptions,
  addPricingDateOptions,
  addRunsOptions,
  addScalingOptions,
  modelListOption,
  outputFormat,
  warningMode,
  scalingOptions,
  secondsArg,
  usdArg,
  type OutputFlags,
  type PricingDateFlags,
  type ScalingFlags,
} from "./options.ts";
import { workloadSources, type WorkloadSource } from "./workload-input.ts";

type Flags = OutputFlags &
  PricingDateFlags &
  ScalingFlags & { model?: string[]; budget?: number; maxSeconds?: number; maxMonthly?: number; runs?: number; per?: "day" | "month" };

export function checkCommand(program: Command, io: Io, outcome: Outcome): void {
  const cmd = program
    .command("check")
    .description("CI guard: every workload × model × limit, PASS or FAIL; exit 1 if any limit is exceeded")
    .argument("[workloads...]", "workload files or directories (every *.json in them), - for stdin")
    .addOption(modelListOption("-m, --model <id>", "check on this model instead of the workload's (repeatable, or a,b,c)"))
    .option("--budget <usd>", "max USD per run (wins over the workload's budget.usdPerRun)", usdArg)
    .option("--max-seconds <duration>", "max time per run, e.g. 120 or 2m (wins over budget.secondsPerRun)", secondsArg)
    .option("--max-monthly <usd>", "max USD per month of 30 days (wins over budget.usdPerMonth)", usdArg);
  addRunsOptions(cmd);
  addScalingOptions(cmd, { all: false });
  addPricingDateOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (args: string[], flags: Flags) => {
    const format = outputFormat(flags);
    const mode = warningMode(flags);
    const registry = await registryFor(flags, io);
    const at = flags.at ?? io.today();
    const scaling = scalingOptions(flags);
    const flagBudget: Budget = {};
    if (flags.budget !== undefined) flagBudget.usdPerRun = flags.budget;
    if (flags.maxSeconds !== undefined) flagBudget.secondsPerRun = flags.maxSeconds;
    if (flags.maxMonthly !== undefined) flagBudget.usdPerMonth = flags.maxMonthly;

    // Everything is priced before anything is printed: an input error leaves stdout empty. One
    // workload at a time is read, priced and let go (inside checkOne); only its rows are kept.
    const checks: CheckRow[] = [];
    const results: CheckReport["results"] = [];
    const infos: WorkloadInfo[] = [];
    const loadNotices: Warning[] = [];
    for (const source of workloadSources(args, flags, io)) {
      const one = await checkOne(source, flags.model ?? [undefined], flagBudget, (w, model) =>
        estimate(w, registry, model, { at, allowRetired: Boolean(flags.allowRetired), ...scaling }),
      );
      infos.push(one.info);
      loadNotices.push(...one.notices);
      results.push(...one.results);
      checks.push(...one.checks);
    }

    const failed = checks.filter((c) => !c.pass).length;
    const report: CheckReport = {
      schemaVersion: SCHEMA_VERSION,
      command: "check",
      at,
      registryAsOf: registry.asOf,
      monthDays: DAYS_PER_MONTH,
      workloads: infos,
      results,
      checks,
      summary: { checks: checks.length, failed },
    };
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).renderCheck);
    writeWarnings(io, results, [...loadNotices, ...staleNotice(registry, at), ...comparisonNotices(results)], mode);
    if (io.env.GITHUB_STEP_SUMMARY) writeStepSummary(io, (await import("./renderers.ts")).checkMarkdown(report));
    if (failed > 0) outcome.code = 1;
  });
}

interface Checked {
  info: WorkloadInfo;
  notices: Warning[];
  results: CheckReport["results"];
  checks: CheckRow[];
}

/** One workload's rows; the workload itself goes when this returns. */
async function checkOne(
  source: WorkloadSource,
  models: readonly (string | undefined)[],
  flagBudget: Budget,
  price: (w: Workload, model: string | undefined) => Estimate,
): Promise<Checked> {
  const { workload, info, notices } = await source();
  const where = info.path ?? info.name;
  const { budget, from } = mergeBudgets(workload.budget, flagBudget);
  if (Object.keys(budget).length === 0) {
    throw new TokencostError("NO_LIMIT", `${where}: no limit to check — add "budget" to the workload, or pass --budget, --max-seconds or --max-monthly`);
  }
  if (budget.usdPerMonth !== undefined && !workload.runs) {
    throw new TokencostError("USAGE", `${where}: a monthly limit needs "runs" in the workload (or --runs N --per day|month)`);
  }
  const out: Checked = { info, notices, results: [], checks: [] };
  // Without --model, the workload's own model (or its pinned steps' models) is checked.
  for (const model of models) {
    const e = price(workload, model);
    out.results.push({ ...resultOf(e), workload: workload.name });
    for (const c of checkBudget(e, budget, from)) {
      const row: CheckRow = { workload: workload.name, model: e.model.id, ...c };
      if (info.path) row.path = info.path;
      out.checks.push(row);
    }
  }
  return out;
}
