import { readFileSync, statSync } from "node:fs";
import { isTokencostError, TokencostError } from "./errors.ts";
import { jsonErrorOffset } from "./json-error.ts";

// Workloads and pricing files are small; anything this big is a mistake, and reading it whole
// would cost memory for nothing.
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export function readTextFile(path: string, what: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new TokencostError("FILE", `${path}: is a directory, not a ${what}`);
    size = st.size;
  } catch (e) {
    if (isTokencostError(e)) throw e;
    throw fileError(path, what, e);
  }
  if (size > MAX_INPUT_BYTES) throw tooBig(path, what);
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw fileError(path, what, e);
  }
}

export function tooBig(label: string, what: string): TokencostError {
  return new TokencostError("FILE", `${label}: ${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
}

function fileError(path: string, what: string, e: unknown): TokencostError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a directory" : (e as Error).message;
  return new TokencostError("FILE", `${path}: cannot read ${what}: ${reason}`);
}

/** JSON.parse with the error placed at a line and column of the named file. */
export function parseJson(text: string, label: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
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
}
