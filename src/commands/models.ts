import type { Command } from "commander";
import { modelCard, modelList, modelsReport, type ModelList } from "../report/models-report.ts";
import { registryFor, writeOutput } from "./context.ts";
import type { Io } from "./io.ts";
import { addOutputOptions, atOption, nonEmpty, outputFormat, type OutputFlags, type PricingDateFlags } from "./options.ts";

type Flags = OutputFlags & PricingDateFlags & { provider?: string; search?: string };

export function modelsCommand(program: Command, io: Io): void {
  const models = program
    .command("models")
    .description("the pricing registry (`models show ID` for one model's card)")
    .option("--provider <provider>", "only this provider's models", nonEmpty("a provider"))
    .option("--search <text>", "only models whose id, name, alias or provider contains this text", nonEmpty("a search text"));
  addOutputOptions(models);
  models.addOption(atOption());
  models.action(async (flags: Flags) => {
    const format = outputFormat(flags);
    // The list shows prices, limits, speed and status, which the packed registry carries; only
    // JSON gives every field of every entry.
    const registry = await registryFor(flags, io, format === "json" ? "full" : "pricing");
    let list = flags.provider ? registry.byProvider(flags.provider) : [...registry.all()];
    if (flags.search !== undefined) {
      const q = flags.search.toLowerCase();
      list = list.filter((m) => [m.id, m.name, m.provider, ...(m.aliases ?? [])].some((s) => s.toLowerCase().includes(q)));
    }
    const at = flags.at ?? io.today();
    // JSON gives every field of every entry; the list itself, only what it shows.
    const report: ModelList = format === "json" ? modelsReport(list, at, registry.asOf) : modelList(list, at, registry.asOf);
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).renderModelList);
  });

  const show = models
    .command("show")
    .description("one model's card: every figure with its source and as-of date")
    .argument("<model>", "model id, alias or provider/id");
  addOutputOptions(show);
  show.addOption(atOption());
  // Flags given after `show` may be parsed as the parent's (`models --json`): read both.
  show.action(async (name: string, _flags: Flags, cmd: Command) => {
    const flags = cmd.optsWithGlobals<Flags>();
    const format = outputFormat(flags);
    const registry = await registryFor(flags, io, "full");
    const card = modelCard(registry.get(name), flags.at ?? io.today(), registry.benchmarks);
    await writeOutput(io, format, card, async () => (await import("./renderers.ts")).renderModelCard);
  });
}
