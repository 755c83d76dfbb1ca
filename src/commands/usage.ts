import { Option, type Command } from "commander";
import type { Io, Outcome } from "./io.ts";
import { addOutputOptions, atOption, modelListOption } from "./options.ts";
import type { UsageFlags } from "./usage-run.ts";

// `tokencost usage` (SPEC §9): its flags; the work is loaded when it runs (usage-run.ts).

export function usageCommand(program: Command, io: Io, outcome: Outcome): void {
  program
    .command("usage")
    .description("price what your logs actually spent, re-price it on other models, and fit a workload to it")
    .argument("[logs...]", "log files or directories (recursive), .gz too, or - for stdin (default: piped stdin)")
    .addOption(new Option("--by <key>", "group by model, day, provider or file (default: model)").choices(["model", "day", "provider", "file"]))
    .addOption(Object.assign(atOption(), { description: "price every record at the rates of this day, YYYY-MM-DD (default: each at its own day's; undated records at today's)" }))
    .addOption(modelListOption("--what-if <models>", "the same work priced on these models too (repeatable, or a,b,c)"))
    .option("--same-tokens", "--what-if without token scaling: the logged token counts on every model")
    .option("--calibrate", "print a workload fitted to the logs (for estimate, compare and check) instead of the report")
    .option("--agent", "with --calibrate: fit the agent form (turns per session, system prompt, growth per turn)")
    .option("--model <id>", "with --calibrate: the logged model to fit, where the logs hold several")
    .option("--emit-pricing <file>", "write the measured speeds as a pricing override file")
    .option("--strict", "exit 2 on any malformed line or unpriced model")
    .action(async (args: string[], flags: UsageFlags) => (await import("./usage-run.ts")).runUsage(args, flags, io, outcome));
  const cmd = program.commands.at(-1)!;
  addOutputOptions(cmd);
}
