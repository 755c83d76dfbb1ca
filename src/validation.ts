import type { z } from "zod";
import { TokencostError, type ErrorCode } from "./errors.ts";
import { likelyTypo } from "./suggest.ts";
import { formatPath, quote, type JsonPath } from "./text.ts";

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

export interface KeyContext {
  /** The keys the object that holds the unknown key accepts. */
  here: readonly string[];
  /** Keys a typo may have meant: `here`, and any the object could take in another form. */
  candidates: readonly string[];
  /** Keys valid somewhere else in the same document. */
  elsewhere: ReadonlySet<string>;
}

export function unknownKeyMessage(key: string, keys: KeyContext): string {
  const typo = likelyTypo(key, keys.candidates);
  if (typo && typo !== key) return `unknown key ${quote(key)} — did you mean "${typo}"?`;
  if (keys.elsewhere.has(key)) return `${quote(key)} does not belong here (this object takes: ${keys.here.join(", ")})`;
  return `unknown key ${quote(key)} (known keys: ${keys.here.join(", ")})`;
}

function issueMessage(issue: z.core.$ZodIssue, keys: KeyContext): string {
  const got = "input" in issue && issue.input !== undefined ? `, got ${describeValue(issue.input)}` : "";
  switch (issue.code) {
    case "unrecognized_keys": {
      // The first is the message; thousands of them would not be one line.
      const rest = issue.keys.length - 1;
      return `${unknownKeyMessage(issue.keys[0]!, keys)}${rest > 0 ? ` (and ${rest} more unknown key${rest > 1 ? "s" : ""})` : ""}`;
    }
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

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; out?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; getter?: () => z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional / nullable / default / pipe (preprocess) layers down to the schema that shapes the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let s = schema, i = 0; i < 20; i++) {
    const d = defOf(s);
    const next = d.innerType ?? (d.type === "pipe" ? d.out : undefined) ?? (d.type === "lazy" ? d.getter?.() : undefined);
    if (!next) return s;
    s = next;
  }
  return schema;
}

/** The keys an object schema accepts at a path inside it (empty when the path leads elsewhere). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s = unwrap(schema);
  for (const part of path) {
    const d = defOf(s);
    if (typeof part === "number" && d.element) s = unwrap(d.element);
    else if (typeof part === "string" && d.shape?.[part]) s = unwrap(d.shape[part]);
    else return [];
  }
  return Object.keys(defOf(s).shape ?? {});
}

/** Every object key anywhere in the given schemas. */
export function allKeys(...schemas: z.ZodType[]): Set<string> {
  const out = new Set<string>();
  const seen = new Set<z.ZodType>();
  const walk = (schema: z.ZodType) => {
    const s = unwrap(schema);
    if (seen.has(s)) return;
    seen.add(s);
    const d = defOf(s);
    for (const [k, v] of Object.entries(d.shape ?? {})) {
      out.add(k);
      walk(v);
    }
    if (d.element) walk(d.element);
    for (const o of d.options ?? []) walk(o);
  };
  schemas.forEach(walk);
  return out;
}

export interface FailureContext {
  /** The schema that failed, to find the keys of the object an unknown key sits in. */
  schema: z.ZodType;
  elsewhere: ReadonlySet<string>;
  /** Where the validated value sits in its document. */
  basePath?: JsonPath;
  /** More keys the top object of the validated value takes (checked by another schema). */
  rootKeys?: readonly string[];
  /** More keys a typo in the top object may have meant. */
  rootCandidates?: readonly string[];
}

/** The first issue of a failed parse as one line: `where: path: what`. */
export function zodFailure(code: ErrorCode, where: string, error: z.ZodError, ctx: FailureContext): TokencostError {
  // A typo'd key usually explains the "required" issue beside it: report the typo first.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0]!;
  const { path, message } = problemOf(issue, ctx);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? "s" : ""})` : "";
  return new TokencostError(code, `${where}: ${formatPath(path)}: ${message}${more}`);
}

/** Every issue of a failed parse, each at its path (`pricing validate` lists them all). */
export function zodProblems(error: z.ZodError, ctx: FailureContext): { path: JsonPath; message: string }[] {
  return error.issues.map((issue) => problemOf(issue, ctx));
}

function problemOf(issue: z.core.$ZodIssue, ctx: FailureContext): { path: JsonPath; message: string } {
  const atRoot = issue.path.length === 0;
  const here = [...new Set([...keysAt(ctx.schema, issue.path), ...(atRoot ? (ctx.rootKeys ?? []) : [])])];
  const candidates = [...new Set([...here, ...(atRoot ? (ctx.rootCandidates ?? []) : [])])];
  const keys: KeyContext = { here, candidates, elsewhere: ctx.elsewhere };
  const path = [...(ctx.basePath ?? []), ...(issue.path as (string | number)[])];
  // An unknown key is reported at the key itself, not at the object that holds it.
  const at = issue.code === "unrecognized_keys" ? [...path, issue.keys[0]!] : path;
  return { path: at, message: issueMessage(issue, keys) };
}
