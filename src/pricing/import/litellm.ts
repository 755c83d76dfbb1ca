import { isIsoDay } from "../../dates.ts";
import { Decimal } from "../../decimal.ts";
import type { Registry } from "../registry.ts";
import type { ModelEntry } from "../schema.ts";
import { ImportResult, perMillion, providerOf, type ImportOptions } from "./common.ts";

// LiteLLM's model_prices_and_context_window.json: one object per model id, prices in USD per
// token (0.0000025), long-context prices under `_above_<N>k_tokens` keys, service tiers under
// `_batches`, `_flex`, `_priority`, 1-hour cache writes under `_above_1hr`.

type Obj = Record<string, unknown>;
const TEXT_MODES = new Set(["chat", "completion", "responses"]);

/** The multiplier a tier price is of the list price, when input and output agree on it. */
function multiplier(entry: Obj, suffix: string): number | undefined {
  const inBase = perMillion(entry.input_cost_per_token);
  const outBase = perMillion(entry.output_cost_per_token);
  const inTier = perMillion(entry[`input_cost_per_token${suffix}`]);
  const outTier = perMillion(entry[`output_cost_per_token${suffix}`]);
  if (inBase === undefined || inTier === undefined || !inBase) return undefined;
  // Both sides must say it: an input price alone is no multiplier for the output (gpt-5-nano's
  // priority input would make its output 50 times dearer). Exact: inTier / inBase = outTier / outBase.
  if (outBase && outTier === undefined) return undefined;
  if (outTier !== undefined && outBase) {
    const a = Decimal.from(inTier).mul(Decimal.from(outBase));
    const b = Decimal.from(outTier).mul(Decimal.from(inBase));
    if (a.cmp(b) !== 0) return undefined;
  }
  return Number((inTier / inBase).toPrecision(12));
}

export function importLitellm(data: unknown, registry: Registry, options: ImportOptions): ImportResult {
  const result = new ImportResult("litellm", options);
  if (typeof data !== "object" || data === null || Array.isArray(data)) return result.fail("not a LiteLLM price file (expected an object of models)");
  for (const [key, raw] of Object.entries(data as Obj)) {
    if (key === "sample_spec" || typeof raw !== "object" || raw === null) continue;
    const e = raw as Obj;
    const mode = typeof e.mode === "string" ? e.mode : "chat";
    if (!TEXT_MODES.has(mode)) {
      result.skip(key, `${mode} (not a text model)`, providerOf(String(e.litellm_provider ?? "")));
      continue;
    }
    const input = perMillion(e.input_cost_per_token);
    const output = perMillion(e.output_cost_per_token);
    if (input === undefined || output === undefined) {
      const perRequest = Object.keys(e).some((k) => /_per_(image|second|request|query|character)/.test(k));
      result.skip(key, perRequest ? "priced per request, image or second, not per token" : "no token prices", providerOf(String(e.litellm_provider ?? "")));
      continue;
    }
    const rates: ModelEntry["rates"] = { input, output };
    // A cache price of 0 is LiteLLM's "not billed separately", not free tokens: left out (the
    // prompt is then billed as input, as the provider does).
    const cached = perMillion(e.cache_read_input_token_cost ?? e.input_cost_per_token_cache_hit);
    if (cached) rates.cachedInput = cached;
    const write = perMillion(e.cache_creation_input_token_cost);
    if (write) rates.cacheWrite = write;
    const write1h = perMillion(e.cache_creation_input_token_cost_above_1hr);
    if (write1h) rates.cacheWrite1h = write1h;
    const reasoning = perMillion(e.output_cost_per_reasoning_token);
    if (reasoning !== undefined && reasoning !== output) rates.reasoning = reasoning;

    const tiers: NonNullable<ModelEntry["tiers"]> = [];
    const thresholds = [...new Set(Object.keys(e).map((k) => /_above_(\d+)k_tokens$/.exec(k)?.[1]).filter((x): x is string => Boolean(x)))].map(Number).sort((a, b) => a - b);
    for (const n of thresholds) {
      const at = (k: string) => perMillion(e[`${k}_above_${n}k_tokens`]);
      const t: NonNullable<ModelEntry["tiers"]>[number]["rates"] = {};
      const pairs: [keyof typeof t, number | undefined][] = [
        ["input", at("input_cost_per_token")],
        ["cachedInput", at("cache_read_input_token_cost")],
        ["cacheWrite", at("cache_creation_input_token_cost")],
        ["cacheWrite1h", at("cache_creation_input_token_cost_above_1hr")],
        ["output", at("output_cost_per_token")],
      ];
      for (const [k, v] of pairs) if (v !== undefined) t[k] = v;
      // LiteLLM's "above 200k" is a prompt over 200,000 tokens: the same strictly-above threshold.
      if (Object.keys(t).length) tiers.push({ aboveInputTokens: n * 1000, rates: t });
    }
    const serviceTiers: Record<string, number> = {};
    for (const [name, suffix] of [["batch", "_batches"], ["flex", "_flex"], ["priority", "_priority"]] as const) {
      if (e[`input_cost_per_token${suffix}`] === undefined) continue;
      const m = multiplier(e, suffix);
      if (m === undefined) result.note(key, `its ${name} prices are not one multiple of the list prices: left out`);
      else serviceTiers[name] = m;
    }
    const provider = providerOf(String(e.litellm_provider ?? ""));
    const entry: ModelEntry = { id: key.slice(key.lastIndexOf("/") + 1), rates } as ModelEntry;
    if (tiers.length) entry.tiers = tiers;
    if (Object.keys(serviceTiers).length) entry.serviceTiers = serviceTiers;
    const maxIn = e.max_input_tokens;
    const maxOut = e.max_output_tokens ?? e.max_tokens;
    if (typeof maxIn === "number" || typeof maxOut === "number") {
      entry.limits = { contextTokens: null, ...(typeof maxIn === "number" && maxIn > 0 ? { inputTokens: maxIn } : {}), ...(typeof maxOut === "number" && maxOut > 0 ? { outputTokens: maxOut } : {}) };
    }
    if (typeof e.deprecation_date === "string" && isIsoDay(e.deprecation_date)) {
      entry.status = "deprecated";
      entry.deprecationDate = e.deprecation_date;
    }
    result.add(key, provider, entry, registry);
  }
  return result;
}
