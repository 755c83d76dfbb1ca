import type { Command } from "commander";
import { renderPresets } from "../report/presets.ts";
import { PRESETS } from "../workload/presets.ts";
import { paintFor } from "./context.ts";
import type { Io } from "./io.ts";
import { addOutputOptions, outputFormat, type OutputFlags } from "./options.ts";

export function presetsCommand(program: Command, io: Io): void {
  const cmd = program.command("presets").description("the built-in workloads and their assumptions");
  addOutputOptions(cmd);
  cmd.action((flags: OutputFlags) => {
    const format = outputFormat(flags);
    io.stdout.write(renderPresets(PRESETS, format, format === "table" ? paintFor(io) : undefined));
  });
}
