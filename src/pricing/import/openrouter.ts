import type { Registry } from "../registry.ts";
import type { ModelEntry } from "../schema.ts";
import { ImportResult, perMillion, providerOf, type ImportOptions } from "./common.ts";

// OpenRouter's model list (GET /api/v1/models, openrouter.ai/docs/models): {"data": [{id
// "vendor/model", context_length, pricing {prompt, completion, input_cache_read,
// input_cache_write, internal_reasoning, request, image, web_search} as USD-per-token strings,
// top_provider {context_length, max_completion_tokens}, architecture {output_modalities}}]}.

type Obj = Record<string, unknown>;

export function importOpenrouter(data: unknown, registry: Registry, options: ImportOptions): ImportResult {
  const result = new ImportResult("openrouter", options);
  const list = typeof data === "object" && data !== null && Array.isArray((data as Obj).data) ? ((data as Obj).data as unknown[]) : Array.isArray(data) ? data : null;
  if (!list) return result.fail('not an OpenRouter model list (expected {"data": [...]})');
  for (const raw of list) {
    if (typeof raw !== "object" || raw === null || typeof (raw as Obj).id !== "string") continue;
    const m = raw as Obj;
    const id = m.id as string;
    const provider = providerOf(id.includes("/") ? id.slice(0, id.indexOf("/")) : "openrouter");
    const p = (typeof m.pricing === "object" && m.pricing !== null ? m.pricing : {}) as Obj;
    const outputs = (m.architecture as Obj | undefined)?.output_modalities;
    if (Array.isArray(outputs) && !outputs.includes("text")) {
      result.skip(id, `${outputs.join("+")} output (not a text model)`, provider);
      continue;
    }
    if (id.endsWith(":free")) {
      result.skip(id, "a free variant (its paid model carries the prices)", provider);
      continue;
    }
    const input = perMillion(p.prompt);
    const output = perMillion(p.completion);
    if (p.prompt === "-1" || p.completion === "-1") {
      result.skip(id, "a router whose price is the model it picks", provider);
      continue;
    }
    if (input === undefined || output === undefined || (input === 0 && output === 0)) {
      const perRequest = (perMillion(p.request) ?? 0) > 0 || (perMillion(p.image) ?? 0) > 0;
      result.skip(id, perRequest ? "priced per request or image, not per token" : "no token prices", provider);
      continue;
    }
    const rates: ModelEntry["rates"] = { input, output };
    const read = perMillion(p.input_cache_read);
    if (read !== undefined && read > 0) rates.cachedInput = read;
    const write = perMillion(p.input_cache_write);
    if (write !== undefined && write > 0) rates.cacheWrite = write;
    const reasoning = perMillion(p.internal_reasoning);
    if (reasoning !== undefined && reasoning > 0 && reasoning !== output) rates.reasoning = reasoning;
    const entry = { id: id.slice(id.indexOf("/") + 1), rates } as ModelEntry;
    if (typeof m.name === "string") entry.name = m.name.replace(/^[^:]+:\s*/, "");
    const top = (m.top_provider ?? {}) as Obj;
    const context = typeof m.context_length === "number" ? m.context_length : typeof top.context_length === "number" ? top.context_length : null;
    const maxOut = typeof top.max_completion_tokens === "number" ? top.max_completion_tokens : null;
    if (context || maxOut) entry.limits = { contextTokens: context && context > 0 ? Math.round(context) : null, ...(maxOut && maxOut > 0 ? { outputTokens: Math.round(maxOut) } : {}) };
    result.add(id, provider, entry, registry);
  }
  return result;
}
