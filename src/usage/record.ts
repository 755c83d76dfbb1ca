// One billed model response, as a log line reports it, mapped onto tokencost's classes by the
// rules of its format (../shared/reference/usage-formats.md). Every format's parser produces
// these; nothing after the parsers knows which key meant what.

import type { BilledClass } from "../pricing/price-at.ts";

/** Tokens by class: a record's, a part's, a group's sum. */
export type Counts = Record<BilledClass, number>;

/** Adds counts (a record's six classes, or a scaled set) to a sum. */
export function addCounts(c: Counts, d: Counts): void {
  // Unrolled: this runs for every record.
  c.input += d.input;
  c.cachedInput += d.cachedInput;
  c.cacheWrite += d.cacheWrite;
  c.cacheWrite1h += d.cacheWrite1h;
  c.output += d.output;
  c.reasoning += d.reasoning;
}

export type LogFormat =
  | "openai-chat"
  | "openai-responses"
  | "openrouter"
  | "anthropic"
  | "claude-code"
  | "gemini"
  | "bedrock"
  | "otel"
  | "plain";

/**
 * How a later record with the same key is treated: "first" (retries, re-exports of one
 * response: the same numbers), "largest-output" (Claude Code's streaming snapshots: the one with
 * the most output, a later line winning ties), "last" (cumulative stream events, Gemini's chunks).
 */
export type Keep = "first" | "largest-output" | "last";

/** Counts: the five disjoint classes; cacheWrite1h is the part of the writes the record says were 1-hour. */
export interface UsageRecord extends Counts {
  format: LogFormat;
  /** De-duplication key (format family + id), or null when the record carries none. */
  key: string | null;
  keep: Keep;
  /** The model id as the log wrote it; null when the record does not say. */
  model: string | null;
  /** The provider the log names (OpenTelemetry, OpenRouter's upstream), used where the model is unknown. */
  provider: string | null;
  /** Epoch milliseconds, or null. */
  time: number | null;
  /** Cached tokens also billed as cache storage (OpenRouter's Gemini records): not priced here, said. */
  cacheStorage: number;
  /** Service tiers that change the price ("batch", "flex", "priority", "fast", "us-only"). */
  tiers: string[];
  /** What the provider or gateway said it cost (USD), for comparison. */
  reportedUsd: number | null;
  /** A conversation or session id, for --calibrate --agent. */
  session: string | null;
  /** Measured timing: the whole request, and until the first token, in milliseconds. */
  durationMs: number | null;
  ttftMs: number | null;
  /** Some class came out negative (an instrumentation that breaks its convention) and was set to 0. */
  clamped: boolean;
  parts?: Part[];
  /** The prompt that chose the price band, where the classes no longer add up to it (a correction). */
  bandPrompt?: number;
  /** A token field held something that is not a whole non-negative count: the line is malformed. */
  invalid: boolean;
  file: string;
  line: number;
}

export const promptOf = (r: UsageRecord): number => r.input + r.cachedInput + r.cacheWrite + r.cacheWrite1h;

/**
 * One step of a response billed on its own (Anthropic's `iterations`: a compaction, an advisor
 * message on another model). The record's classes are the sum of its parts; it is de-duplicated
 * whole, then counted part by part.
 */
export interface Part extends Counts {
  model: string | null;
}

/** The fields every parser fills the same way. */
export function newRecord(format: LogFormat, file: string, line: number): UsageRecord {
  return {
    format,
    key: null,
    keep: "first",
    model: null,
    provider: null,
    time: null,
    input: 0,
    cachedInput: 0,
    cacheWrite: 0,
    cacheWrite1h: 0,
    output: 0,
    reasoning: 0,
    cacheStorage: 0,
    tiers: [],
    reportedUsd: null,
    session: null,
    durationMs: null,
    ttftMs: null,
    clamped: false,
    invalid: false,
    file,
    line,
  };
}

/** A whole, non-negative token count from a JSON value (numbers or OTLP's decimal strings); else 0. */
export function count(v: unknown): number {
  if (typeof v === "number") return Number.isSafeInteger(v) && v > 0 ? v : 0;
  if (typeof v === "string" && /^\d{1,15}$/.test(v)) return Number(v);
  return 0;
}

/**
 * A token count of a record: absent or null is 0; anything else that is not a whole non-negative
 * number (a negative, a fraction, a string of letters) marks the record invalid — a log that
 * says "-5 tokens" is malformed, not free.
 */
export function tok(r: UsageRecord, v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (isCount(v)) return count(v);
  r.invalid = true;
  return 0;
}

/** Whether a value is a usable count at all (a record whose counts are garbage is malformed). */
export const isCount = (v: unknown): boolean =>
  (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) || (typeof v === "string" && /^\d{1,15}$/.test(v));

/** a − b, clamped at 0 (and marked) where a log's own numbers contradict its convention. */
export function minus(r: UsageRecord, a: number, ...b: number[]): number {
  let out = a;
  for (const x of b) out -= x;
  if (out < 0) {
    r.clamped = true;
    return 0;
  }
  return out;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Epoch seconds, milliseconds or an ISO date, as epoch milliseconds; null when it is none of them. */
export function timeOf(v: unknown, unit: "s" | "ms" | "iso" | "ns"): number | null {
  if (v === null || v === undefined) return null;
  if (unit === "iso") {
    if (typeof v !== "string") return null;
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : null;
  }
  const n = typeof v === "string" && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) return null;
  const ms = unit === "s" ? n * 1000 : unit === "ns" ? n / 1e6 : n;
  // Years 1970–9999 only: anything else is not a time a log could mean.
  return ms < 253402300800000 ? ms : null;
}
