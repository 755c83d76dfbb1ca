import { appendFileSync } from "node:fs";
import { isoDay } from "../dates.ts";
import { MAX_INPUT_BYTES, tooBig } from "../read.ts";

// Everything the commands touch in the outside world, passed in: tests run the whole CLI
// in-process with a fake, and only src/cli.ts builds the real one.

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(text: string): unknown };
  stdinIsTTY: boolean;
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Today as YYYY-MM-DD (UTC). */
  today(): string;
  /** Appends to a file (the CI step summary), creating it if need be. */
  appendFile(path: string, text: string): void;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    readStdin: () => readAll(process.stdin),
    env: process.env,
    today: () => isoDay(new Date()),
    appendFile: (path, text) => appendFileSync(path, text),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_INPUT_BYTES) throw tooBig("stdin", "the workload");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** What a command found beyond success: a budget exceeded sets the exit code to 1. */
export interface Outcome {
  code: number;
}
