import type { z } from "zod";
import { TokencostError, type ErrorCode } from "./errors.ts";
import { likelyTypo } from "./suggest.ts";

export type JsonPath = readonly (string | number)[];

/** `steps[2].agent.turns` — how every message names a place in a JSON document. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || "(top level)";
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const s = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    return JSON.stringify(s);
  }
  return String(value);
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const typo = likelyTypo(key, known);
  return typo ? `unknown key "${key}" — did you mean "${typo}"?` : `unknown key "${key}" (known keys: ${known.join(", ")})`;
}

function issueMessage(issue: z.core.$ZodIssue, knownKeys: readonly string[]): string {
  const got = "input" in issue && issue.input !== undefined ? `, got ${describeValue(issue.input)}` : "";
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((k) => unknownKeyMessage(k, knownKeys)).join("; ");
    case "invalid_type":
      if (issue.input === undefined) return `required (${issue.expected})`;
      return `expected ${issue.expected}${got}`;
    case "custom":
      return issue.message;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${got}`;
    default:
      return `${issue.message}${got}`;
  }
}

/** The first issue of a failed parse as one line: `where: path: what`. */
export function zodFailure(
  code: ErrorCode,
  where: string,
  error: z.ZodError,
  knownKeys: readonly string[],
  basePath: JsonPath = [],
): TokencostError {
  // A typo'd key usually explains the "required" issue beside it: report the typo first.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0]!;
  const path = [...basePath, ...(issue.path as (string | number)[])];
  // An unknown key is reported at the key itself, not at the object that holds it.
  const at = issue.code === "unrecognized_keys" && issue.keys.length === 1 ? [...path, issue.keys[0]!] : path;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? "s" : ""})` : "";
  const msg = issue.code === "unrecognized_keys" && issue.keys.length === 1 ? unknownKeyMessage(issue.keys[0]!, knownKeys) : issueMessage(issue, knownKeys);
  return new TokencostError(code, `${where}: ${formatPath(at)}: ${msg}${more}`);
}
