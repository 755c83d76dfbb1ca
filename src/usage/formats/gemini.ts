import { tok, isObject, newRecord, str, timeOf, type UsageRecord } from "../record.ts";

// Gemini generateContent (Gemini API and Vertex AI): promptTokenCount INCLUDES the cached
// content; candidatesTokenCount EXCLUDES thoughts; toolUsePromptTokenCount is outside the prompt
// count and billed as input (usage-formats.md §4).

type Obj = Record<string, unknown>;

export const isGemini = (o: Obj): boolean => isObject(o.usageMetadata);

function tiers(u: Obj, batch: boolean): string[] {
  if (batch) return ["batch"];
  const tier = typeof u.serviceTier === "string" ? u.serviceTier.toLowerCase() : "";
  if (tier === "flex" || tier === "priority") return [tier];
  return u.trafficType === "ON_DEMAND_FLEX" ? ["flex"] : [];
}

/** A response or a streamed chunk; null for a chunk that cannot be told apart (no id, not the last). */
export function generateContent(o: Obj, file: string, line: number, batch = false): UsageRecord[] | null {
  const u = o.usageMetadata as Obj;
  const r = newRecord("gemini", file, line);
  const prompt = tok(r, u.promptTokenCount);
  const cached = Math.min(tok(r, u.cachedContentTokenCount), prompt);
  r.cachedInput = cached;
  r.input = prompt - cached + tok(r, u.toolUsePromptTokenCount);
  r.output = tok(r, u.candidatesTokenCount);
  r.reasoning = tok(r, u.thoughtsTokenCount);
  r.model = str(o.modelVersion) ?? str(o.model);
  r.time = timeOf(o.createTime, "iso");
  const id = str(o.responseId);
  r.key = id ? `gemini:${id}` : null;
  // Without an id, chunks of one stream cannot be told apart, and summing them counts the prompt
  // once per chunk: only a chunk that ends its response (finishReason) counts.
  const finished = Array.isArray(o.candidates) && o.candidates.some((c) => isObject(c) && typeof c.finishReason === "string");
  if (!id && !finished && !batch) return null;
  // Every streamed chunk repeats the usage so far, not monotonically: the last chunk counts.
  r.keep = "last";
  r.tiers = tiers(u, batch);
  return [r];
}

/** Batch output lines: {"key", "response": {generateContent response}}. */
export function geminiBatchLine(o: Obj, file: string, line: number): UsageRecord[] | null {
  if (!isObject(o.response) || !isObject(o.response.usageMetadata)) return null;
  return generateContent(o.response, file, line, true) ?? [];
}
