import { appendFileSync, closeSync, constants, fstatSync, openSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { isoDay } from "../dates.ts";
import { TokencostError } from "../errors.ts";
import { pause, readBounded } from "../read.ts";

// Everything the commands touch in the outside world, passed in: tests run the whole CLI
// in-process with a fake, and only src/cli.ts builds the real one.

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
  /** stdin may carry a workload: a pipe, a file or a socket (not a terminal, not /dev/null). */
  stdinPiped: boolean;
  readStdin(): Promise<string>;
  /** stdin as a stream of chunks, for logs of any size (`usage -`); without it, readStdin. */
  stdinChunks?(): AsyncIterable<Uint8Array>;
  env: Record<string, string | undefined>;
  /** Today as YYYY-MM-DD (UTC). */
  today(): string;
  /** Appends to a regular file (the CI step summary), creating it if need be; throws on anything else. */
  appendFile(path: string, text: string): void;
}

// The real one works on file descriptors 0, 1 and 2 directly. process.stdin/stdout/stderr are
// streams whose first use loads Node's stream, net and tty modules — several milliseconds of a
// start-up budget of a few tens — and a CLI that writes one report needs none of that.
export function processIo(): Io {
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    stdinPiped: stdinPiped(),
    readStdin: async () => readBounded(0, "stdin", "the workload"),
    stdinChunks: async function* () {
      const { stdinChunks } = await import("./usage-input.ts");
      yield* stdinChunks();
    },
    env: process.env,
    today: () => isoDay(new Date()),
    appendFile: appendRegularFile,
  };
}

/**
 * Appends to a regular file only. The step summary is written after the verdict is known; a
 * named pipe there (opened blocking, it waits for a reader that may never come) or a device must
 * not keep that verdict from its exit code, so they are refused — and the caller warns.
 */
function appendRegularFile(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o666);
  } catch (e) {
    // A pipe with no reader cannot be opened for writing without blocking: ENXIO.
    if ((e as NodeJS.ErrnoException).code === "ENXIO") throw new Error("not a regular file");
    throw e;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error("not a regular file");
    appendFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whole writes to a descriptor; a reader that went away (`| head`) ends the writing, quietly.
 * A report that cannot be written (a full disk) is an error for stdout; for stderr, where it
 * would be reported, it is dropped.
 */
function fdWriter(fd: number): Io["stdout"] {
  let closed = false;
  return {
    write(text: string) {
      const buf = Buffer.from(text, "utf8");
      for (let off = 0; off < buf.length && !closed; ) {
        try {
          off += writeSync(fd, buf, off);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EAGAIN") pause(1); // a non-blocking pipe that is full: let the reader catch up
          else if (code === "EPIPE" || fd === 2) closed = true;
          else {
            closed = true;
            throw new TokencostError("FILE", `cannot write the report to stdout: ${(e as Error).message}`);
          }
        }
      }
      return true;
    },
    // Only colour decisions ask, and only for tables: tty is loaded then, not at start.
    // Only a character device can be a terminal; a pipe or file is answered without node:tty.
    get isTTY() {
      try {
        if (!fstatSync(fd).isCharacterDevice()) return false;
      } catch {
        return false;
      }
      const tty = createRequire(import.meta.url)("node:tty") as typeof import("node:tty");
      return tty.isatty(fd);
    },
  };
}

// fstat rather than process.stdin.isTTY, for the same reason as above.
function stdinPiped(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false; // no stdin at all
  }
}

/** What a command found beyond success: a budget exceeded sets the exit code to 1. */
export interface Outcome {
  code: number;
}
