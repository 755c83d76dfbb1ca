import { tok, isObject, minus, newRecord, str, timeOf, type UsageRecord } from "../record.ts";

// OpenAI Chat Completions (and OpenRouter, Groq, DeepSeek, Mistral on the same shape) and the
// Responses API. prompt_tokens / input_tokens INCLUDE cache reads and writes; completion_tokens
// / output_tokens INCLUDE reasoning (usage-formats.md §1, §2, §7).

type Obj = Record<string, unknown>;

/** OpenAI's service_tier values as tokencost's tiers: default, auto and scale are list price. */
export function openaiTier(v: unknown): string[] {
  const t = typeof v === "string" ? v.toLowerCase() : "";
  return t === "flex" || t === "priority" || t === "fast" || t === "ultrafast" ? [t] : [];
}

/**
 * Reasoning is inside completion_tokens (OpenAI's rule) — except where the record's own total
 * says otherwise: xAI counts reasoning beside the completion (total = prompt + completion +
 * reasoning), and then both are billed in full. Reasoning above the completion with no such
 * total contradicts the format: clamped, and said.
 */
function splitOutput(r: UsageRecord, prompt: number, completion: number, reasoning: number, total: unknown): void {
  if (reasoning > 0 && typeof total === "number" && total === prompt + completion + reasoning) {
    r.output = completion;
    r.reasoning = reasoning;
    return;
  }
  if (reasoning > completion) r.clamped = true;
  r.reasoning = Math.min(reasoning, completion);
  r.output = completion - r.reasoning;
}

/** A chat.completion (or a chunk carrying usage) → a record; null when there is no usage to count. */
export function chatCompletion(o: Obj, file: string, line: number, batch = false): UsageRecord | null {
  const u = o.usage;
  if (!isObject(u)) return null; // stream chunks carry "usage": null until the last one
  const id = str(o.id);
  const openrouter = (id?.startsWith("gen-") ?? false) || typeof u.cost === "number" || typeof o.provider === "string";
  const r = newRecord(openrouter ? "openrouter" : "openai-chat", file, line);
  const details = isObject(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const done = isObject(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const prompt = tok(r, u.prompt_tokens);
  // DeepSeek reports hits beside (and before) the OpenAI field; Anthropic's OpenAI-compatible
  // endpoint puts cached_tokens at the top of usage.
  const cached = tok(r, details.cached_tokens ?? u.prompt_cache_hit_tokens ?? u.cached_tokens);
  const written = tok(r, details.cache_write_tokens);
  r.cachedInput = cached;
  if (cached + written > prompt && written > 0 && /gemini/i.test(str(o.model) ?? "")) {
    // OpenRouter's Gemini records count the same tokens as read and as "write": the write is a
    // storage charge on the cached tokens (§7), per token-hour, which no registry rate prices.
    // The uncached part is prompt − cached; the storage is counted and said, not priced as input.
    r.input = minus(r, prompt, cached);
    r.cacheStorage = written;
  } else {
    r.cacheWrite = written;
    r.input = minus(r, prompt, cached, written);
  }
  splitOutput(r, prompt, tok(r, u.completion_tokens), tok(r, done.reasoning_tokens), u.total_tokens);
  r.model = str(o.model);
  r.time = timeOf(o.created, "s");
  r.key = id ? `chat:${id}` : null;
  r.tiers = batch ? ["batch"] : openaiTier(o.service_tier);
  if (openrouter) {
    if (typeof u.cost === "number" && Number.isFinite(u.cost)) r.reportedUsd = u.cost;
    r.provider = str(o.provider);
  }
  return r;
}

/** A Responses API response object → a record; null without usage (created / in_progress). */
export function response(o: Obj, file: string, line: number, batch = false): UsageRecord | null {
  const u = o.usage;
  if (!isObject(u)) return null;
  const r = newRecord("openai-responses", file, line);
  const inDetails = isObject(u.input_tokens_details) ? u.input_tokens_details : {};
  const outDetails = isObject(u.output_tokens_details) ? u.output_tokens_details : {};
  r.cachedInput = tok(r, inDetails.cached_tokens);
  r.cacheWrite = tok(r, inDetails.cache_write_tokens);
  r.input = minus(r, tok(r, u.input_tokens), r.cachedInput, r.cacheWrite);
  splitOutput(r, tok(r, u.input_tokens), tok(r, u.output_tokens), tok(r, outDetails.reasoning_tokens), u.total_tokens);
  r.model = str(o.model);
  r.time = timeOf(o.created_at, "s");
  const id = str(o.id);
  r.key = id ? `resp:${id}` : null;
  r.tiers = batch ? ["batch"] : openaiTier(o.service_tier);
  if (typeof u.cost === "number" && Number.isFinite(u.cost)) r.reportedUsd = u.cost;
  return r;
}

/** Is this an OpenAI chat completion or chunk (OpenRouter and friends included)? */
export const isChat = (o: Obj): boolean =>
  o.object === "chat.completion" || o.object === "chat.completion.chunk" || (isObject(o.usage) && "prompt_tokens" in o.usage && !("promptTokenCount" in o));

export const isResponse = (o: Obj): boolean => o.object === "response";

/** A streamed Responses event: response.completed (or incomplete / failed) carries the usage. */
export function responseEvent(o: Obj, file: string, line: number): UsageRecord[] | null {
  if (typeof o.type !== "string" || !o.type.startsWith("response.")) return null;
  return isObject(o.response) ? [response(o.response, file, line)].filter((r): r is UsageRecord => r !== null) : [];
}

/** OpenAI batch output: {"custom_id", "response": {"status_code", "body": chat.completion | response}}. */
export function openaiBatchLine(o: Obj, file: string, line: number): UsageRecord[] | null {
  if (!("custom_id" in o) || !isObject(o.response) || !isObject(o.response.body)) return null;
  const body = o.response.body;
  const r = isResponse(body) ? response(body, file, line, true) : chatCompletion(body, file, line, true);
  return r ? [r] : [];
}

/**
 * OpenRouter's generation stats (GET /api/v1/generation): {"data": {id, model, tokens…,
 * total_cost, latency, generation_time}} with native token counts in the Chat convention.
 * `latency` is the total in milliseconds and `generation_time` the generating part (OpenRouter
 * SDK docs), so the time to first token is their difference.
 */
export function openrouterGeneration(o: Obj, file: string, line: number): UsageRecord[] | null {
  const d = o.data;
  if (!isObject(d) || !("native_tokens_prompt" in d || "tokens_prompt" in d)) return null;
  const r = newRecord("openrouter", file, line);
  const prompt = tok(r, d.native_tokens_prompt ?? d.tokens_prompt);
  r.cachedInput = Math.min(tok(r, d.native_tokens_cached), prompt);
  r.input = prompt - r.cachedInput;
  const completion = tok(r, d.native_tokens_completion ?? d.tokens_completion);
  r.reasoning = Math.min(tok(r, d.native_tokens_reasoning), completion);
  r.output = completion - r.reasoning;
  r.model = str(d.model);
  r.provider = str(d.provider_name);
  r.time = timeOf(d.created_at, "iso");
  const id = str(d.id);
  r.key = id ? `chat:${id}` : null;
  r.tiers = openaiTier(d.service_tier);
  if (typeof d.total_cost === "number" && Number.isFinite(d.total_cost)) r.reportedUsd = d.total_cost;
  const latency = typeof d.latency === "number" && d.latency >= 0 ? d.latency : null;
  const generation = typeof d.generation_time === "number" && d.generation_time >= 0 ? d.generation_time : null;
  if (latency !== null) r.durationMs = latency;
  if (latency !== null && generation !== null && latency >= generation) r.ttftMs = latency - generation;
  r.session = str(d.session_id);
  return [r];
}
