import { tok, isObject, newRecord, str, timeOf, type UsageRecord } from "../record.ts";

// Amazon Bedrock: Converse's inputTokens EXCLUDES cache reads and writes; each cache number
// appears under two names (never add both); model invocation logs carry the counts in
// input.*TokenCount / output.outputTokenCount (usage-formats.md §9).

type Obj = Record<string, unknown>;

export const isInvocationLog = (o: Obj): boolean => o.schemaType === "ModelInvocationLog";

/** A Converse response body (usage + metrics), also found as a log's output.outputBodyJson. */
export const isConverse = (o: Obj): boolean => isObject(o.usage) && "inputTokens" in o.usage && "outputTokens" in o.usage;

function fromConverseUsage(r: UsageRecord, u: Obj): void {
  r.input = tok(r, u.inputTokens);
  r.cachedInput = tok(r, u.cacheReadInputTokens ?? u.cacheReadInputTokenCount);
  const written = tok(r, u.cacheWriteInputTokens ?? u.cacheWriteInputTokenCount);
  const details = Array.isArray(u.cacheDetails) ? u.cacheDetails.filter(isObject) : [];
  const oneHour = Math.min(
    details.filter((d) => d.ttl === "1h").reduce((n, d) => n + tok(r, d.inputTokens), 0),
    written,
  );
  r.cacheWrite1h = oneHour;
  r.cacheWrite = written - oneHour;
  r.output = tok(r, u.outputTokens);
}

export function converse(o: Obj, file: string, line: number): UsageRecord[] {
  const r = newRecord("bedrock", file, line);
  fromConverseUsage(r, o.usage as Obj);
  if (isObject(o.metrics) && typeof o.metrics.latencyMs === "number") r.durationMs = o.metrics.latencyMs;
  r.model = str(o.modelId);
  return [r];
}

export function invocationLog(o: Obj, file: string, line: number): UsageRecord[] {
  const r = newRecord("bedrock", file, line);
  const input = isObject(o.input) ? o.input : {};
  const output = isObject(o.output) ? o.output : {};
  const body = isObject(output.outputBodyJson) ? output.outputBodyJson : null;
  if (body && isObject(body.usage) && "inputTokens" in body.usage) fromConverseUsage(r, body.usage);
  else {
    r.input = tok(r, input.inputTokenCount);
    r.cachedInput = tok(r, input.cacheReadInputTokenCount);
    r.cacheWrite = tok(r, input.cacheWriteInputTokenCount);
    r.output = tok(r, output.outputTokenCount);
  }
  if (body && isObject(body.metrics) && typeof body.metrics.latencyMs === "number") r.durationMs = body.metrics.latencyMs;
  r.model = str(o.modelId);
  r.time = timeOf(o.timestamp, "iso");
  const id = str(o.requestId);
  r.key = id ? `bedrock:${id}` : null;
  r.provider = "bedrock";
  return [r];
}
