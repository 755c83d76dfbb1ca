import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
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
  /** The source ended in damaged data (a cut gzip file). */
  broken(reason: string): void;
}

/**
 * The files named: files as given, directories walked (log-like names only, symbolic links
 * followed, each directory once), `-` for stdin. A file named twice, or met again inside a
 * directory also named, is read once: records without an id would otherwise count twice.
 */
export function expandSources(args: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const take = (path: string) => {
    const real = realOf(path);
    if (seen.has(real)) return;
    seen.add(real);
    out.push(path);
  };
  for (const arg of args) {
    if (arg === "-") {
      if (!seen.has("-")) out.push("-");
      seen.add("-");
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new TokencostError("FILE", `${arg}: cannot read the logs: ${code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : (e as Error).message}`);
    }
    if (st.isDirectory()) walk(arg).forEach(take);
    else take(arg);
  }
  return out;
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  const visited = new Set<string>();
  while (stack.length > 0) {
    const d = stack.pop()!;
    // A link back up the tree must not walk it forever.
    const real = realOf(d);
    if (visited.has(real)) continue;
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new TokencostError("FILE", `${d}: cannot list the directory: ${(e as Error).message}`);
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith(".")) continue;
      const p = join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) stack.push(p);
      // Regular files only: a named pipe in a log directory would wait for a writer forever.
      else if (isFile && LOG_FILE.test(e.name)) out.push(p);
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
        // Reset only where a line was carried over: most lines lie within one chunk.
        this.carry = [];
        this.carryBytes = 0;
      } else this.sink.line(chunk.toString("utf8", start, nl), this.lineNo);
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

/** Streams one source into the sink. A gzip stream that ends early is reported, not fatal. */
export async function readLog(path: string, sink: LineSink, io: Io): Promise<void> {
  sink.file(path);
  const lines = new Lines(sink);
  try {
    if (path === "-") await readStdin(io, lines);
    else await readFile(path, lines);
  } catch (e) {
    if (!(e instanceof GzipError)) throw e;
    lines.end();
    sink.broken(e.message);
    return;
  }
  lines.end();
}

class GzipError extends Error {}

async function readStdin(io: Io, lines: Lines): Promise<void> {
  const chunks = io.stdinChunks ? io.stdinChunks() : (async function* () {
    yield Buffer.from(await io.readStdin(), "utf8");
  })();
  let z: Gunzip | null = null;
  let first = true;
  for await (const c of chunks) {
    const chunk = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    if (first) {
      first = false;
      // gzip by its magic bytes, on stdin as in files.
      if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) z = await gunzipInto(lines);
    }
    if (z) await z.write(chunk);
    else lines.push(chunk);
  }
  if (z) await z.end();
}

async function readFile(path: string, lines: Lines): Promise<void> {
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
    const buf = Buffer.allocUnsafe(CHUNK);
    let n = readSync(fd, buf, 0, CHUNK, null);
    const z = n >= 2 && buf[0] === 0x1f && buf[1] === 0x8b ? await gunzipInto(lines) : null;
    while (n > 0) {
      if (z) await z.write(Buffer.from(buf.subarray(0, n)));
      else lines.push(buf.subarray(0, n));
      n = readSync(fd, buf, 0, CHUNK, null);
    }
    if (z) await z.end();
  } finally {
    closeSync(fd);
  }
}

interface Gunzip {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

/** A gunzip stream feeding the lines, with backpressure; an early end is a GzipError. */
async function gunzipInto(lines: Lines): Promise<Gunzip> {
  const { createGunzip } = await import("node:zlib");
  const z = createGunzip({ chunkSize: CHUNK });
  let failure: Error | null = null;
  z.on("data", (chunk: Buffer) => lines.push(chunk));
  const done = new Promise<void>((resolve) => {
    z.on("end", resolve);
    z.on("error", (e) => {
      failure = new GzipError(`the gzip data is damaged or cut short (${e.message}); the lines before it are counted`);
      resolve();
    });
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async write(chunk) {
      check();
      if (!z.write(chunk)) await Promise.race([new Promise((r) => z.once("drain", r)), done]);
      check();
    },
    async end() {
      z.end();
      await done;
      check();
    },
  };
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
