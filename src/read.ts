import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { isTokencostError, TokencostError } from "./errors.ts";
import { firstDuplicateKey, jsonErrorOffset } from "./json-error.ts";
import { formatPath, quote } from "./text.ts";

// Reading what users hand us. Workloads and pricing files are small; anything past the limit
// is a mistake, so reads stop there — for files, for pipes and devices (/dev/zero has no size
// to check up front), and for stdin alike.

export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** Deeper JSON than this is not a workload or a pricing file; it is refused before anything walks it. */
export const MAX_JSON_DEPTH = 256;

export function readTextFile(path: string, what: string): string {
  let fd: number;
  try {
    // Non-blocking, so that opening a named pipe nobody writes to returns at once instead of
    // waiting for a writer forever; on a regular file the flag changes nothing.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fileError(path, what, e);
  }
  try {
    const kind = fstatSync(fd);
    if (kind.isDirectory()) throw new TokencostError("FILE", `${path}: is a directory, not a ${what}`);
    // A terminal would wait for someone to type; stdin is read through `-`, not by name.
    if (kind.isCharacterDevice() && isTerminal(fd)) throw new TokencostError("FILE", `${path}: is a terminal, not a ${what}`);
    const text = readBounded(fd, path, what);
    // A pipe (`<(jq …)` is one) is read to its end; with no writer it ends at once, empty, and
    // saying so beats "empty" or "not valid JSON" about a file the user knows is not empty.
    if (text === "" && kind.isFIFO()) throw new TokencostError("FILE", `${path}: cannot read ${what}: a named pipe with no writer`);
    return text;
  } catch (e) {
    if (isTokencostError(e)) throw e;
    throw fileError(path, what, e);
  } finally {
    closeSync(fd);
  }
}

/** A directory, as far as stat can tell; what else is wrong with the path, the reader says. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function listDirectory(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (e) {
    throw fileError(path, "directory", e);
  }
}

/** Blocks for a few milliseconds: the wait between retries of a non-blocking descriptor. */
export const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** All of a descriptor as UTF-8, failing as soon as it passes the size limit. */
export function readBounded(fd: number, label: string, what: string): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(64 * 1024);
  let size = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        pause(2); // a non-blocking pipe with nothing yet
        continue;
      }
      if (code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    size += n;
    if (size > MAX_INPUT_BYTES) throw tooBig(label, what);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function tooBig(label: string, what: string): TokencostError {
  return new TokencostError("FILE", `${label}: ${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
}

// node:tty is loaded only when a device is named: a start-up pays for nothing it does not use.
function isTerminal(fd: number): boolean {
  const tty = createRequire(import.meta.url)("node:tty") as typeof import("node:tty");
  return tty.isatty(fd);
}

function fileError(path: string, what: string, e: unknown): TokencostError {
  const code = (e as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: "no such file",
    EACCES: "permission denied",
    EISDIR: "is a directory",
    // What opening a socket gives.
    ENXIO: "not a regular file (a socket or a device)",
  };
  const reason = (code !== undefined && reasons[code]) || (e as Error).message;
  return new TokencostError("FILE", `${path}: cannot read ${what}: ${reason}`);
}

/** JSON.parse with the error placed at a line and column of the named file, a depth limit, and no key given twice. */
export function parseJson(text: string, label: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    if (body.trim() === "") throw new TokencostError("JSON", `${label}: not valid JSON (it is empty)`);
    const offset = jsonErrorOffset(body);
    let where = "";
    if (offset !== undefined && offset >= body.length) where = " (it ends too early)";
    else if (offset !== undefined) {
      const before = body.slice(0, offset);
      const line = before.split("\n").length;
      const col = offset - before.lastIndexOf("\n");
      where = ` at line ${line}, column ${col}`;
    }
    throw new TokencostError("JSON", `${label}: not valid JSON${where}`);
  }
  if (depthOver(body, MAX_JSON_DEPTH)) {
    throw new TokencostError("JSON", `${label}: JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  const duplicate = firstDuplicateKey(body);
  if (duplicate) {
    throw new TokencostError("JSON", `${label}: ${formatPath(duplicate.path)}: duplicate key ${quote(duplicate.key)} (JSON would keep only the last)`);
  }
  return value;
}

/**
 * Whether valid JSON text nests deeper than `limit`, read from the brackets outside strings: no
 * allocation, where walking the parsed value would hold a frame for every element of a long
 * array at once.
 */
function depthOver(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote (the text parsed, so there is one).
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
