import type { Io } from "../src/commands/io.ts";
import { run } from "../src/main.ts";

// The whole CLI in-process, with a fake outside world: fast enough to run thousands of cases.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t) },
    stdinPiped: opts.stdin !== undefined,
    readStdin: async () => opts.stdin ?? "",
    env: { NO_COLOR: "1", ...opts.env },
    today: () => "2026-11-27",
    appendFile: () => {},
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
