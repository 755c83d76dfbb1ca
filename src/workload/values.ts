import { Decimal } from "../decimal.ts";
import { EFFORTS, isEffort, type Effort } from "../names.ts";
import { describeValue } from "../validation.ts";

// Values people write by hand: token counts ("120k", "1.5M", "12_000"), durations ("30s", "2m")
// and ratios. Each parser returns the value or throws a RangeError whose message says what was
// expected; callers attach the JSON path or flag name.

const MAX_WHOLE = Number.MAX_SAFE_INTEGER;
const SUFFIX: Record<string, number> = { "": 0, k: 3, m: 6, b: 9 };

export const parseTokenCount = (value: unknown): number => parseWhole(value, "tokens", `1200, "120k" or "1.5M"`);

/** A whole count ≥ 1 (turns, requests, repeat, runs): same spellings as token counts. */
export function parseCount(value: unknown, noun: string): number {
  const n = parseWhole(value, noun, `20 or "1k"`);
  if (n < 1) throw new RangeError(`${noun} must be at least 1, got ${n}`);
  return n;
}

function parseWhole(value: unknown, noun: string, examples: string): number {
  const expected = `expected a whole number of ${noun} like ${examples}`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`${expected}, got a number too large to represent`);
    if (value < 0) throw new RangeError(`${noun} cannot be negative, got ${value}`);
    if (!Number.isInteger(value)) throw new RangeError(`${expected}, got ${value}`);
    if (value > MAX_WHOLE) throw new RangeError(`at most 2^53−1 ${noun}, got ${value}`);
    return value;
  }
  if (typeof value === "string") {
    // Past 40 characters it is not a count anyone wrote; checking it further only costs time.
    const m = value.length <= 40 ? /^\s*(\d+(?:_\d+)*(?:\.\d+)?)\s*([kmb]?)\s*$/i.exec(value) : null;
    if (!m) throw new RangeError(`${expected}, got ${describeValue(value)}`);
    const amount = Decimal.from(m[1]!.replaceAll("_", "")).mul(10n ** BigInt(SUFFIX[m[2]!.toLowerCase()]!));
    const whole = amount.round(0);
    // "1.2345k" is 1,234.5: say so; a plain "10.5" needs no restating.
    const worked = m[2] ? ` = ${amount}` : "";
    if (whole.cmp(amount) !== 0) throw new RangeError(`${expected}, got ${describeValue(value)}${worked} (tokens are whole)`.slice(0, 200));
    if (whole.cmp(Decimal.from(MAX_WHOLE)) > 0) throw new RangeError(`at most 2^53−1 ${noun}, got ${describeValue(value)}`);
    return Number(whole.units);
  }
  throw new RangeError(`${expected}, got ${describeValue(value)}`);
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds as a number, or text like "30s", "2m", "1m30s", "250ms". */
export function parseDuration(value: unknown): number {
  const expected = `a duration in seconds like 2.5, "30s" or "2m"`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`${expected}, got a number too large to represent`);
    if (value < 0) throw new RangeError(`durations cannot be negative, got ${value}`);
    return value;
  }
  if (typeof value === "string" && value.length <= 40) {
    const text = value.trim();
    if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
      let total = 0;
      for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * UNIT_SECONDS[unit!]!;
      if (Number.isFinite(total)) return total;
    }
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  }
  throw new RangeError(`${expected}, got ${describeValue(value)}`);
}

/** A USD amount: a number, or text like "0.50", "$0.50", "1200", "1_000". */
export function parseUsd(value: unknown): number {
  const expected = `expected an amount in USD like 0.50, "$0.50" or 1200`;
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.length <= 40 && /^\s*\$?\d+(?:_\d+)*(?:\.\d+)?\s*$/.test(value)
        ? Number(value.replace(/[\s$_]/g, ""))
        : NaN;
  if (Number.isFinite(n) && n >= 0) return n;
  throw new RangeError(`${expected}, got ${describeValue(value)}`);
}

/** A percentage: 10, "10", "10%". */
export function parsePercent(value: unknown): number {
  const text = typeof value === "string" && value.length <= 40 ? value.trim().replace(/%$/, "") : value;
  const n = typeof text === "number" ? text : typeof text === "string" && /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (Number.isFinite(n) && n >= 0) return n;
  throw new RangeError(`expected a percentage like 10, got ${describeValue(value)}`);
}

export interface Ratio {
  num: bigint;
  den: bigint;
}

/** A fraction in 0..1 kept exact (0.9 → 9/10), since cached tokens are floor(h · prompt). */
export function parseFraction(value: unknown): Ratio {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`expected a number from 0 to 1, got ${describeValue(value)}`);
  }
  const d = Decimal.from(value);
  return { num: d.units, den: 10n ** BigInt(d.scale) };
}

/** A reasoning effort level; an unknown name lists the valid ones. */
export function parseEffort(value: unknown): Effort {
  if (isEffort(value)) return value;
  throw new RangeError(`unknown effort ${describeValue(value)} — valid efforts: ${EFFORTS.join(", ")}`);
}

export interface Reference {
  model: string;
  /** null: the model's default effort. */
  effort?: Effort | null;
}

/** Where token counts were measured: "model", "model@effort" or {"model", "effort"}. */
export function parseReference(value: unknown): Reference {
  if (typeof value === "string") {
    const text = value.trim();
    const at = text.lastIndexOf("@");
    const model = at < 0 ? text : text.slice(0, at);
    if (model === "" || /\s/.test(model)) throw new RangeError(`expected a model id, or MODEL@EFFORT, got ${describeValue(value)}`);
    return at < 0 ? { model } : { model, effort: parseEffort(text.slice(at + 1)) };
  }
  throw new RangeError(`expected a model id, MODEL@EFFORT or {"model", "effort"}, got ${describeValue(value)}`);
}
