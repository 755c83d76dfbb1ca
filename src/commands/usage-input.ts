import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { TokencostError } from "../errors.ts";
import { pause } from "../read.ts";
import type { Io } from "./io.ts";

// Log files as lines, streamed: a file of any size is read in 1 MiB chunks and never held
// whole (Claude Code sessions reach hundreds of MB). Directories are walked for log files;
// `.gz` is decompressed on the way; `-` is stdin.

/** A line longer than this is not a usage record (a pasted file in a session log): it is skipped unread. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const LOG_FILE = /\.(jsonl|ndjson|json|csv|log|txt)(\.gz)?$/i;

export interface LineSink {
  /** A new file starts. */
  file(path: string): void;
  line(text: string, lineNo: number): void;
  /** A line over the limit, skipped. */
  tooLong(lineNo: number): void;
}

/** The files named: files as given, directories walked (log-like names only), `-` for stdin. */
export function expandSources(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === "-") {
      out.push("-");
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new TokencostError("FILE", `${arg}: cannot read the logs: ${code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : (e as Error).message}`);
    }
    if (st.isDirectory()) out.push(...walk(arg));
    else out.push(arg);
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new TokencostError("FILE", `${d}: cannot list the directory: ${(e as Error).message}`);
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith(".")) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      // Regular files only: a named pipe in a log directory would wait for a writer forever.
      else if (e.isFile() && LOG_FILE.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}

/**
 * Splits chunks into lines on their bytes, and decodes each line alone: decoding a chunk into one
 * string and slicing it costs three times as much (V8 then parses slices of a large string), and
 * a UTF-8 sequence never spans a newline byte, so no character is split.
 */
class Lines {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private skipping = false;
  lineNo = 0;

  constructor(private readonly sink: LineSink) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      this.lineNo++;
      if (this.skipping) {
        this.skipping = false;
        this.sink.tooLong(this.lineNo);
      } else if (this.carryBytes > 0) {
        this.carry.push(chunk.subarray(start, nl));
        this.sink.line(Buffer.concat(this.carry).toString("utf8"), this.lineNo);
      } else this.sink.line(chunk.toString("utf8", start, nl), this.lineNo);
      this.carry = [];
      this.carryBytes = 0;
      start = nl + 1;
    }
    if (this.skipping || start === chunk.length) return;
    this.carryBytes += chunk.length - start;
    if (this.carryBytes > MAX_LINE_BYTES) {
      this.skipping = true;
      this.carry = [];
      this.carryBytes = 0;
    } else this.carry.push(Buffer.from(chunk.subarray(start)));
  }

  end(): void {
    if (this.skipping) {
      this.lineNo++;
      this.sink.tooLong(this.lineNo);
    } else if (this.carryBytes > 0) {
      this.lineNo++;
      this.sink.line(Buffer.concat(this.carry).toString("utf8"), this.lineNo);
    }
    this.carry = [];
    this.carryBytes = 0;
  }
}

/** Streams one source into the sink. */
export async function readLog(path: string, sink: LineSink, io: Io): Promise<void> {
  sink.file(path);
  const lines = new Lines(sink);
  if (path === "-") {
    if (io.stdinChunks) for await (const chunk of io.stdinChunks()) lines.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    else lines.push(Buffer.from(await io.readStdin(), "utf8"));
    lines.end();
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TokencostError("FILE", `${path}: cannot read the logs: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new TokencostError("FILE", `${path}: not a regular file (logs are read from files, directories or - for stdin)`);
    const head = Buffer.alloc(2);
    const gz = readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
    if (gz) await gunzip(fd, path, lines);
    else {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const n = readSync(fd, buf, 0, CHUNK, null);
        if (n === 0) break;
        lines.push(buf.subarray(0, n));
      }
    }
  } finally {
    closeSync(fd);
  }
  lines.end();
}

/** gzip by its magic bytes, not its name: decompressed in chunks as it is read. */
async function gunzip(fd: number, path: string, lines: Lines): Promise<void> {
  const { createGunzip } = await import("node:zlib");
  const z = createGunzip({ chunkSize: CHUNK });
  const done = new Promise<void>((resolve, reject) => {
    z.on("data", (chunk: Buffer) => lines.push(chunk));
    z.on("end", resolve);
    z.on("error", (e) => reject(new TokencostError("FILE", `${path}: not a readable gzip file: ${e.message}`)));
  });
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) break;
    pos += n;
    // Backpressure: wait until the decompressor has taken the chunk.
    if (!z.write(Buffer.from(buf.subarray(0, n)))) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
}

/** stdin in chunks, for the real process (fd 0; a non-blocking pipe is waited on). */
export async function* stdinChunks(): AsyncIterable<Uint8Array> {
  const buf = Buffer.allocUnsafe(CHUNK);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, CHUNK, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        pause(2);
        continue;
      }
      if (code === "EOF") return;
      throw new TokencostError("FILE", `stdin: cannot read the logs: ${(e as Error).message}`);
    }
    if (n === 0) return;
    yield Buffer.from(buf.subarray(0, n));
  }
}
