import { addCounts, isObject, newRecord, str, timeOf, tok, type LogFormat, type Part, type UsageRecord } from "../record.ts";

// Anthropic Messages: input_tokens EXCLUDES cache reads and writes (three disjoint fields);
// output_tokens includes thinking (usage-formats.md §3). Claude Code's session files carry the
// same usage inside each assistant line (§6).

type Obj = Record<string, unknown>;

/** service_tier, speed and inference_geo all change the price. */
export function anthropicTiers(u: Obj): string[] {
  const tiers: string[] = [];
  const tier = typeof u.service_tier === "string" ? u.service_tier : "";
  if (tier === "batch" || tier === "priority") tiers.push(tier);
  if (u.speed === "fast") tiers.push("fast");
  if (u.inference_geo === "us") tiers.push("us-only");
  return tiers;
}

/** The classes of one usage object (a message's, or one iteration's). */
function classes(r: UsageRecord, u: Obj): Part {
  const written = tok(r, u.cache_creation_input_tokens);
  const split = isObject(u.cache_creation) ? u.cache_creation : null;
  // Writes the record says were 1-hour price at that rate; the rest at the default (5-minute) rate.
  const oneHour = split ? Math.min(tok(r, split.ephemeral_1h_input_tokens), written) : 0;
  const out = tok(r, u.output_tokens);
  const details = isObject(u.output_tokens_details) ? u.output_tokens_details : {};
  const thinking = tok(r, details.thinking_tokens);
  // thinking_tokens is "always ≤ output_tokens"; a record that says otherwise is clamped, and said.
  if (thinking > out) r.clamped = true;
  const reasoning = Math.min(thinking, out);
  return {
    model: str(u.model),
    input: tok(r, u.input_tokens),
    cachedInput: tok(r, u.cache_read_input_tokens),
    cacheWrite: written - oneHour,
    cacheWrite1h: oneHour,
    output: out - reasoning,
    reasoning,
  };
}

/**
 * A message's usage as one record. With `iterations` (compaction and advisor steps that the top
 * level leaves out, each billed at its own model) the record is the sum of them, and keeps them
 * as parts: de-duplication sees one message, pricing sees each step.
 */
export function messageRecord(format: LogFormat, message: Obj, usage: Obj, file: string, line: number, keyPrefix: string): UsageRecord {
  const r = newRecord(format, file, line);
  const id = str(message.id);
  r.model = str(message.model);
  r.tiers = anthropicTiers(usage);
  r.key = id ? `${keyPrefix}${id}` : null;
  const iterations = Array.isArray(usage.iterations) ? usage.iterations.filter(isObject) : [];
  const parts = (iterations.length > 0 ? iterations : [usage]).map((u) => classes(r, u));
  for (const p of parts) addCounts(r, p);
  if (iterations.length > 0) r.parts = parts;
  return r;
}

export const isMessage = (o: Obj): boolean => o.type === "message" && isObject(o.usage) && "input_tokens" in o.usage;

export function message(o: Obj, file: string, line: number, batch = false): UsageRecord[] {
  const r = messageRecord("anthropic", o, o.usage as Obj, file, line, "msg:");
  if (batch) r.tiers = ["batch", ...r.tiers.filter((t) => t !== "batch")];
  return [r];
}

/** {"custom_id", "result": {"type": "succeeded", "message": {…}}}: a batch result, at the batch price. */
export function batchResult(o: Obj, file: string, line: number): UsageRecord[] | null {
  if (!("custom_id" in o) || !isObject(o.result)) return null;
  const m = o.result.message;
  return o.result.type === "succeeded" && isObject(m) && isObject(m.usage) ? message(m, file, line, true) : [];
}

/**
 * Streams: message_start holds the input side and a placeholder output; each message_delta's
 * usage is CUMULATIVE and overrides it field by field. The message so far is kept per file (a
 * delta has no id: it belongs to the message_start before it) and re-emitted after every delta;
 * de-duplication on the message id keeps the last.
 */
export class AnthropicStream {
  private current: { message: Obj; usage: Obj } | null = null;

  /** Records for a stream event; [] for events without usage; null if it is no stream event; "orphan" for a delta with no start. */
  event(o: Obj, file: string, line: number): UsageRecord[] | null | "orphan" {
    switch (o.type) {
      case "message_start": {
        if (!isObject(o.message) || !isObject(o.message.usage)) return [];
        this.current = { message: o.message, usage: { ...o.message.usage } };
        return this.emit(file, line);
      }
      case "message_delta": {
        if (!isObject(o.usage)) return [];
        // A delta belongs to the message_start before it; after message_stop, or with none, it is alone.
        if (!this.current) return "orphan";
        for (const [k, v] of Object.entries(o.usage)) if (v !== null && v !== undefined) this.current.usage[k] = v;
        return this.emit(file, line);
      }
      case "message_stop":
        this.current = null;
        return [];
      case "content_block_start":
      case "content_block_delta":
      case "content_block_stop":
      case "ping":
        return [];
      default:
        return null;
    }
  }

  private emit(file: string, line: number): UsageRecord[] {
    const r = messageRecord("anthropic", this.current!.message, this.current!.usage, file, line, "msg:");
    r.keep = "last";
    return [r];
  }
}

/** A Claude Code session line: `message.usage` on assistant lines; other lines carry none. */
export const isClaudeCode = (o: Obj): boolean => typeof o.sessionId === "string" && ("uuid" in o || "message" in o) && typeof o.type === "string";

export function claudeCodeLine(o: Obj, file: string, line: number): UsageRecord[] {
  const m = o.message;
  if (o.type !== "assistant" || !isObject(m) || !isObject(m.usage)) return [];
  // API-error placeholders: synthetic model, all-zero usage.
  if (m.model === "<synthetic>" || o.isApiErrorMessage === true) return [];
  const requestId = str(o.requestId);
  const r = messageRecord("claude-code", m, m.usage, file, line, "cc:");
  // The same message is written once per content block and once per streaming snapshot:
  // one per message id and request id, the snapshot with the most output (later wins ties).
  if (r.key && requestId) r.key = `${r.key}:${requestId}`;
  r.keep = "largest-output";
  r.time = timeOf(o.timestamp, "iso");
  r.session = str(o.sessionId);
  return [r];
}
