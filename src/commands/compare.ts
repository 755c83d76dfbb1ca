import { Option, type Command } from "commander";
import { DAYS_PER_MONTH, effortsToCompare, estimate } from "../engine/estimate.ts";
import { TokencostError } from "../errors.ts";
import { statusAt } from "../pricing/lifecycle.ts";
import { hasServiceTier } from "../pricing/price-at.ts";
import type { Effort } from "../names.ts";
import type { Model } from "../pricing/registry.ts";
import { markResults, resultOf, SCHEMA_VERSION, sortResults, type Report, type SortKey } from "../report/report.ts";
import { registryFor, staleNotice, writeOutput } from "./context.ts";
import { comparisonNotices, shownInReport, writeWarnings } from "./warning-lines.ts";
import type { Io } from "./io.ts";
import {
  addOutputOptions,
  addPricingDateOptions,
  addScalingOptions,
  addWorkloadOptions,
  modelListOption,
  nonEmpty,
  outputFormat,
  warningMode,
  scalingOptions,
  type OutputFlags,
  type PricingDateFlags,
  type ScalingFlags,
  type WorkloadFlags,
} from "./options.ts";
import { loadWorkload } from "./workload-input.ts";

type Flags = OutputFlags &
  PricingDateFlags &
  WorkloadFlags &
  ScalingFlags & { models?: string[]; provider?: string; all?: boolean; sort: SortKey; excludeDeprecated?: boolean; excludePreview?: boolean };

export function compareCommand(program: Command, io: Io): void {
  const cmd = program
    .command("compare")
    .description("one workload on many models: cost, time, per month, × cheapest, fits")
    .argument("[workload]", "workload JSON file, or - for stdin (default: piped stdin, else the coding-agent preset)")
    .addOption(modelListOption("--models <ids>", "models to compare, a,b,c (repeatable)"))
    .option("--provider <provider>", "every model of one provider", nonEmpty("a provider"))
    .option("--all", "every model in the registry (the default; retired ones only with --allow-retired)")
    .addOption(new Option("--sort <key>", "order rows by").choices(["cost", "time"]).default("cost"))
    .option("--exclude-deprecated", "leave out models that are deprecated on the pricing date")
    .option("--exclude-preview", "leave out preview models");
  addWorkloadOptions(cmd);
  addScalingOptions(cmd, { all: true });
  addPricingDateOptions(cmd);
  addOutputOptions(cmd);
  cmd.action(async (arg: string | undefined, flags: Flags) => {
    const chosen = [flags.models && "--models", flags.provider && "--provider", flags.all && "--all"].filter(Boolean);
    if (chosen.length > 1) throw new TokencostError("USAGE", `choose the models one way: ${chosen.join(", ")}`);
    const format = outputFormat(flags);
    const mode = warningMode(flags);
    const registry = await registryFor(flags, io);
    const { workload, info, notices } = await loadWorkload(arg, flags, io);
    const at = flags.at ?? io.today();
    const allowRetired = Boolean(flags.allowRetired);

    let candidates: readonly Model[];
    const skipped: { model: string; reason: string }[] = [];
    // Named twice (by id and alias, say) is still one row.
    if (flags.models) candidates = [...new Set(flags.models.map((name) => registry.get(name)))];
    else {
      const pool = flags.provider ? registry.byProvider(flags.provider) : registry.all();
      candidates = pool.filter((m) => allowRetired || statusAt(m, at) !== "retired");
      // A broad comparison at a service tier leaves out the models that lack it. (Named models
      // and pinned steps without it are errors, from estimate.)
      const tier = workload.serviceTier;
      if (tier !== undefined) {
        for (const m of candidates) if (!hasServiceTier(m, tier)) skipped.push({ model: m.id, reason: `no ${tier} tier` });
        candidates = candidates.filter((m) => hasServiceTier(m, tier));
        if (candidates.length === 0) throw new TokencostError("USAGE", `no model left to compare: none offers service tier "${tier}"`);
      }
    }

    const options = { at, allowRetired, ...scalingOptions(flags) };
    // --effort all: a row per effort each model was measured at (comparably with the reference);
    // the row's effort is the compared model's, so pinned steps keep their own.
    const efforts = (m: Model): (Effort | null | undefined)[] => {
      if (flags.effort !== "all") return [undefined];
      const measured = effortsToCompare(workload, registry, m, options);
      return measured.length ? measured : [undefined];
    };
    // Named models are kept: a filter is for the broad sweep, and a named model is a question.
    const excluded = (m: Model) => {
      const status = statusAt(m, at);
      return (flags.excludeDeprecated && status === "deprecated") || (flags.excludePreview && status === "preview");
    };
    if (flags.excludeDeprecated || flags.excludePreview) {
      for (const m of candidates) if (excluded(m)) skipped.push({ model: m.id, reason: statusAt(m, at) });
      candidates = candidates.filter((m) => !excluded(m));
      if (candidates.length === 0) throw new TokencostError("USAGE", "no model left to compare once deprecated and preview models are left out");
    }
    // Each estimate becomes its report row at once: the exact figures behind ~100 rows would
    // otherwise live until the end, and a young collection copies what lives.
    const rows = candidates.flatMap((m) =>
      efforts(m).map((defaultModelEffort) => resultOf(estimate(workload, registry, m.id, { ...options, defaultModelEffort }))),
    );
    const results = markResults(sortResults(rows, flags.sort));
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      command: "compare",
      at,
      workload: info,
      monthDays: DAYS_PER_MONTH,
      registryAsOf: registry.asOf,
      sort: flags.sort,
      results,
    };
    if (skipped.length) report.skipped = skipped;
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).render);
    writeWarnings(io, results, [...notices, ...staleNotice(registry, at), ...comparisonNotices(results)], mode, shownInReport(format, results, "compare"));
  });
}
