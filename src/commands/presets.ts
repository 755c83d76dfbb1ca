import type { Command } from "commander";
import { SCHEMA_VERSION } from "../report/report.ts";
import { PRESETS } from "../workload/presets.ts";
import { writeOutput } from "./context.ts";
import type { Io } from "./io.ts";
import { addOutputOptions, outputFormat, type OutputFlags } from "./options.ts";

export function presetsCommand(program: Command, io: Io): void {
  const cmd = program.command("presets").description("the built-in workloads and their assumptions");
  addOutputOptions(cmd);
  cmd.action(async (flags: OutputFlags) => {
    const format = outputFormat(flags);
    const report = { schemaVersion: SCHEMA_VERSION, command: "presets" as const, presets: PRESETS };
    await writeOutput(io, format, report, async () => (await import("./renderers.ts")).renderPresets);
  });
}
