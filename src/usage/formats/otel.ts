import { tok, isObject, minus, newRecord, str, timeOf, type UsageRecord } from "../record.ts";

// OpenTelemetry GenAI spans in OTLP/JSON (one TracesData per line, the file exporter's format):
// gen_ai.usage.input_tokens SHOULD include cache reads and writes, output_tokens SHOULD include
// reasoning (usage-formats.md §5). Older and vendor names are read as aliases.

type Obj = Record<string, unknown>;

export const isTraces = (o: Obj): boolean => Array.isArray(o.resourceSpans);

/** An OTLP AnyValue as a JS value: ints may be decimal strings; arrays and maps are left out. */
function anyValue(v: unknown): unknown {
  if (!isObject(v)) return undefined;
  if ("stringValue" in v) return v.stringValue;
  if ("intValue" in v) return v.intValue;
  if ("doubleValue" in v) return v.doubleValue;
  if ("boolValue" in v) return v.boolValue;
  return undefined;
}

function attributes(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(list)) return out;
  for (const a of list) if (isObject(a) && typeof a.key === "string") out.set(a.key, anyValue(a.value));
  return out;
}

const first = (a: Map<string, unknown>, ...keys: string[]): unknown => {
  for (const k of keys) if (a.has(k)) return a.get(k);
  return undefined;
};

/** Operations that are model calls; agent and tool spans repeat or lack their children's usage. */
const INFERENCE = new Set(["chat", "generate_content", "text_completion", "completion", "responses", "embeddings"]);

// The standard name first, then names instrumentations use instead (OpenInference's llm.*
// among them, with the same inclusive meaning); any but the first is said in a warning.
const INPUT = ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"];
const OUTPUT = ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"];
const CACHE_READ = ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens", "gen_ai.usage.cached_input_tokens", "llm.token_count.prompt_details.cache_read"];
const CACHE_WRITE = ["gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens", "gen_ai.usage.input_tokens.cache_write", "llm.token_count.prompt_details.cache_write"];
const REASONING = ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens", "llm.token_count.completion_details.reasoning"];
const STANDARD = new Set([INPUT[0], OUTPUT[0], CACHE_READ[0], CACHE_WRITE[0], REASONING[0]]);
/** The names said as aliases when met (gen_ai.usage.prompt_/completion_tokens are old standard names, not said); made once, not per span. */
const ALIASES = [...INPUT, ...OUTPUT, ...CACHE_READ, ...CACHE_WRITE, ...REASONING].filter((k) => !STANDARD.has(k) && !k.startsWith("gen_ai.usage.prompt") && !k.startsWith("gen_ai.usage.completion"));

/** What reading the logs noticed, for the report's warnings. */
export interface OtelNotes {
  /** Non-standard attribute names that were read as the standard ones. */
  aliases: Set<string>;
  /** Gemini stream chunks without a responseId that were not a stream's last. */
  skippedChunks: number;
}

export function traces(o: Obj, file: string, line: number, notes: OtelNotes): UsageRecord[] {
  const out: UsageRecord[] = [];
  for (const rs of o.resourceSpans as unknown[]) {
    if (!isObject(rs) || !Array.isArray(rs.scopeSpans)) continue;
    for (const ss of rs.scopeSpans) {
      if (!isObject(ss) || !Array.isArray(ss.spans)) continue;
      for (const span of ss.spans) if (isObject(span)) {
        const r = spanRecord(span, file, line, notes);
        if (r) out.push(r);
      }
    }
  }
  return out;
}

function spanRecord(span: Obj, file: string, line: number, notes: OtelNotes): UsageRecord | null {
  const a = attributes(span.attributes);
  const inTok = first(a, ...INPUT);
  const outTok = first(a, ...OUTPUT);
  if (inTok === undefined && outTok === undefined) return null;
  const op = str(a.get("gen_ai.operation.name"));
  if (op !== null && !INFERENCE.has(op)) return null;
  // OpenInference marks model calls as LLM spans; agent and chain spans repeat their children.
  const kind = str(a.get("openinference.span.kind"));
  if (kind !== null && kind.toUpperCase() !== "LLM") return null;
  const r = newRecord("otel", file, line);
  for (const k of ALIASES) if (a.has(k)) notes.aliases.add(k);
  r.cachedInput = tok(r, first(a, ...CACHE_READ));
  r.cacheWrite = tok(r, first(a, ...CACHE_WRITE));
  r.input = minus(r, tok(r, inTok), r.cachedInput, r.cacheWrite);
  const output = tok(r, outTok);
  const reasoning = tok(r, first(a, ...REASONING));
  // reasoning SHOULD be inside output_tokens; one that is not is clamped, and said.
  if (reasoning > output) r.clamped = true;
  r.reasoning = Math.min(reasoning, output);
  r.output = output - r.reasoning;
  r.model = str(first(a, "gen_ai.response.model", "gen_ai.request.model", "llm.model_name"));
  r.provider = str(first(a, "gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"));
  const start = timeOf(span.startTimeUnixNano, "ns");
  const end = timeOf(span.endTimeUnixNano, "ns");
  r.time = start;
  if (start !== null && end !== null && end >= start) r.durationMs = end - start;
  r.ttftMs = firstTokenMs(span, a, start);
  const trace = str(span.traceId);
  const id = str(span.spanId);
  r.key = trace && id ? `otel:${trace.toLowerCase()}:${id.toLowerCase()}` : null;
  r.session = str(first(a, "gen_ai.conversation.id", "session.id"));
  const tier = str(first(a, "gen_ai.openai.response.service_tier", "openai.response.service_tier", "gen_ai.response.service_tier"));
  if (tier && ["flex", "priority", "batch", "fast"].includes(tier)) r.tiers = [tier];
  return r;
}

/**
 * Time to first token: an attribute in seconds where instrumentations record one, else the
 * first event that names the first token or chunk, relative to the span's start.
 */
function firstTokenMs(span: Obj, a: Map<string, unknown>, start: number | null): number | null {
  const seconds = first(a, "gen_ai.response.time_to_first_chunk", "gen_ai.server.time_to_first_token", "gen_ai.response.time_to_first_token");
  if (typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  if (start === null || !Array.isArray(span.events)) return null;
  for (const e of span.events) {
    if (!isObject(e) || typeof e.name !== "string" || !/first[._ ]?(token|chunk)/i.test(e.name)) continue;
    const t = timeOf(e.timeUnixNano, "ns");
    if (t !== null && t >= start) return t - start;
  }
  return null;
}
