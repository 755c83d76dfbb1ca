import { isCount, tok, isObject, newRecord, str, timeOf, type UsageRecord } from "../record.ts";

// The plain form anyone can write: one record per line, the five classes named as tokencost
// names them (JSONL objects, or CSV with a header row), in camelCase or snake_case.

type Obj = Record<string, unknown>;

const FIELDS: Record<string, string> = {
  model: "model",
  input: "input",
  cachedinput: "cachedInput",
  cached_input: "cachedInput",
  cachewrite: "cacheWrite",
  cache_write: "cacheWrite",
  cachewrite1h: "cacheWrite1h",
  cache_write_1h: "cacheWrite1h",
  output: "output",
  reasoning: "reasoning",
  timestamp: "timestamp",
  time: "timestamp",
  servicetier: "serviceTier",
  service_tier: "serviceTier",
  session: "session",
  cost: "reportedUsd",
  cost_usd: "reportedUsd",
  reportedusd: "reportedUsd",
  reported_usd: "reportedUsd",
};
const canonical = (k: string): string | undefined => FIELDS[k.trim().toLowerCase()];
const COUNTS = ["input", "cachedInput", "cacheWrite", "cacheWrite1h", "output", "reasoning"] as const;

/**
 * A JSON object in the plain form: a model and at least input or output (other keys — a request
 * id, a user — are the log's own, and left alone). The other formats are tried first.
 */
export function isPlainObject(o: Obj): boolean {
  return typeof o.model === "string" && ("input" in o || "output" in o);
}

/** null when a count is not a whole non-negative number: the line is malformed, not $0. */
function record(get: (field: string) => unknown, file: string, line: number): UsageRecord | null {
  const r = newRecord("plain", file, line);
  for (const c of COUNTS) {
    const v = get(c);
    if (v === undefined || v === "") continue;
    if (!isCount(v)) return null;
    r[c] = tok(r, v);
  }
  r.model = str(get("model"));
  const ts = get("timestamp");
  if (ts !== undefined && ts !== "" && ts !== null) {
    r.time = plainTime(ts);
    if (r.time === null) return null;
  }
  const tier = str(get("serviceTier"))?.toLowerCase();
  if (tier && !["standard", "default", "auto", "on_demand"].includes(tier)) r.tiers = [tier];
  r.session = str(get("session"));
  const usd = get("reportedUsd");
  const n = typeof usd === "string" && usd.trim() !== "" ? Number(usd) : usd;
  if (typeof n === "number" && Number.isFinite(n)) r.reportedUsd = n;
  return r;
}

/**
 * A time as logs write it: ISO text, epoch seconds (fractions too: Python's time.time()) or
 * milliseconds, or a compact YYYYMMDD. A number before 2001 as seconds is none of these
 * unambiguously: null (the row is malformed, not dated 1970).
 */
function plainTime(v: unknown): number | null {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  if (/^\d{8}$/.test(text)) return timeOf(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}T00:00:00Z`, "iso");
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n < 1e9) return null;
    return timeOf(n, n > 1e11 ? "ms" : "s");
  }
  return timeOf(text, "iso");
}

export function plainObject(o: Obj, file: string, line: number): UsageRecord[] | null {
  const byField = new Map<string, unknown>();
  for (const k in o) {
    const field = canonical(k);
    if (field) byField.set(field, o[k]);
  }
  const r = record((f) => byField.get(f), file, line);
  return r ? [r] : null;
}

/** A header row names the columns; a row is split on commas, with RFC 4180 quotes. */
export class PlainCsv {
  private constructor(private readonly columns: (string | undefined)[]) {}

  /** A header row with a model column and at least one count column, else null; other columns are left alone. */
  static header(line: string): PlainCsv | null {
    const columns = splitCsv(line).map(canonical);
    if (!columns.includes("model") || !columns.some((c) => c === "input" || c === "output")) return null;
    return new PlainCsv(columns);
  }

  row(line: string, file: string, lineNo: number): UsageRecord[] | null {
    const cells = splitCsv(line);
    if (cells.length !== this.columns.length) return null;
    const byField = new Map(this.columns.flatMap((c, i) => (c ? [[c, cells[i]!.trim()] as const] : [])));
    const r = record((f) => byField.get(f), file, lineNo);
    return r ? [r] : null;
  }
}

export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

export const isPlainJsonObject = (o: unknown): o is Obj => isObject(o) && isPlainObject(o);
