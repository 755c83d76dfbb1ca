import { count, isObject, newRecord, str, timeOf, type UsageRecord } from "../record.ts";

// Amazon Bedrock: Converse's inputTokens EXCLUDES cache reads and writes; each cache number
// appears under two names (never add both); model invocation logs carry the counts in
// input.*TokenCount / output.outputTokenCount (usage-formats.md §9).

type Obj = Record<string, unknown>;

export const isInvocationLog = (o: Obj): boolean => o.schemaType === "ModelInvocationLog";

/** A Converse response body (usage + metrics), also found as a log's output.outputBodyJson. */
export const isConverse = (o: Obj): boolean => isObject(o.usage) && "inputTokens" in o.usage && "outputTokens" in o.usage;

function fromConverseUsage(r: UsageRecord, u: Obj): void {
  r.input = count(u.inputTokens);
  r.cachedInput = count(u.cacheReadInputTokens ?? u.cacheReadInputTokenCount);
  const written = count(u.cacheWriteInputTokens ?? u.cacheWriteInputTokenCount);
  const details = Array.isArray(u.cacheDetails) ? u.cacheDetails.filter(isObject) : [];
  const oneHour = Math.min(
    details.filter((d) => d.ttl === "1h").reduce((n, d) => n + count(d.inputTokens), 0),
    written,
  );
  r.cacheWrite1h = oneHour;
  r.cacheWrite = written - oneHour;
  r.output = count(u.outputTokens);
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
    r.input = count(input.inputTokenCount);
    r.cachedInput = count(input.cacheReadInputTokenCount);
    r.cacheWrite = count(input.cacheWriteInputTokenCount);
    r.output = count(output.outputTokenCount);
  }
  if (body && isObject(body.metrics) && typeof body.metrics.latencyMs === "number") r.durationMs = body.metrics.latencyMs;
  r.model = str(o.modelId);
  r.time = timeOf(o.timestamp, "iso");
  const id = str(o.requestId);
  r.key = id ? `bedrock:${id}` : null;
  r.provider = "bedrock";
  return [r];
}
