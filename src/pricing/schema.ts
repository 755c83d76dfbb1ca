import { z } from "zod";
import { isIsoDay } from "../dates.ts";
import { EFFORTS, MODEL_NAME, SERVICE_TIER_HINT, SERVICE_TIER_NAME } from "../names.ts";

// The pricing file format is a public contract: users write such files, editors check them
// against pricing/schema.json, which scripts/write-schema.js generates from this module.

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine(isIsoDay, "not a day of the calendar");

const usdPerMillion = z
  .number()
  .min(0, "a rate cannot be negative")
  .refine(Number.isFinite, "a rate must be finite")
  // -0 passes min(0); read as 0, so nothing downstream sees a signed zero.
  .transform((n) => (n === 0 ? 0 : n))
  .describe("USD per million tokens");

const tokenLimit = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const ratesShape = {
  input: usdPerMillion.describe("uncached input, USD per million tokens"),
  cachedInput: usdPerMillion
    .nullable()
    .optional()
    .describe("cache read; null = unknown; absent = falls back to input"),
  cacheWrite: usdPerMillion
    .nullable()
    .optional()
    .describe(
      "cache write at the provider's default TTL; absent = the provider bills no write (new prompt tokens are input); null = the provider may bill one but the rate is unknown",
    ),
  cacheWrite1h: usdPerMillion
    .nullable()
    .optional()
    .describe("1-hour cache write; absent or null falls back to cacheWrite"),
  output: usdPerMillion.describe("output, USD per million tokens"),
  reasoning: usdPerMillion
    .nullable()
    .optional()
    .describe("reasoning tokens, only where they differ from output; null/absent = output rate"),
};

export const ratesSchema = z.strictObject(ratesShape);

// A model's own rates: an override of a known model gives only the rates it changes (they merge
// key by key). The merged entry must have input and output (registry.ts), a new model too.
export const modelRatesSchema = z.strictObject({
  ...ratesShape,
  input: ratesShape.input.optional(),
  output: ratesShape.output.optional(),
});

// Tiers and scheduled changes replace only the rates they name.
export const partialRatesSchema = z.strictObject({
  input: ratesShape.input.nullable().optional(),
  cachedInput: ratesShape.cachedInput,
  cacheWrite: ratesShape.cacheWrite,
  cacheWrite1h: ratesShape.cacheWrite1h,
  output: ratesShape.output.nullable().optional(),
  reasoning: ratesShape.reasoning,
});

export const tierSchema = z.strictObject({
  aboveInputTokens: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe("the tier applies to a whole call whose prompt is strictly above this many tokens"),
  rates: partialRatesSchema,
  note: z.string().optional(),
  derived: z.boolean().optional().describe("rates derived from a stated multiplier"),
});

const speedAlternative = z.looseObject({
  source: z.string().optional(),
  tps: z.number().nullable().optional(),
  ttft: z.number().nullable().optional(),
});

// Both optional: an override that knows only its speed keeps the bundled TTFT (and the reverse).
export const speedSchema = z.strictObject({
  outputTokensPerSecond: z.number().positive().finite().nullable().optional(),
  timeToFirstTokenSeconds: z.number().min(0).finite().nullable().optional(),
  source: z.string().optional(),
  asOf: z.string().optional(),
  method: z.string().optional(),
  confidence: z.enum(["high", "medium", "low"]).optional(),
  note: z.string().optional(),
  alternatives: z.array(speedAlternative).optional(),
});

export const limitsSchema = z.strictObject({
  contextTokens: tokenLimit.nullable(),
  inputTokens: tokenLimit.nullable().optional(),
  outputTokens: tokenLimit.nullable().optional(),
  source: z.string().optional(),
});

export const scheduledPriceSchema = z.strictObject({
  from: isoDate,
  rates: partialRatesSchema.describe("new rates from that date; null = announced but unknown"),
  tiers: z.array(tierSchema).optional().describe("replaces the tiers from that date"),
  sources: z.array(z.string()).optional(),
  note: z.string().optional(),
});

export const serviceTierName = z.string().regex(SERVICE_TIER_NAME, SERVICE_TIER_HINT);

const modelName = z.string().regex(MODEL_NAME, "a model id or alias has no spaces or control characters");

export const modelStatusSchema = z.enum(["current", "preview", "deprecated", "retired"]);

// SPEC §8: how many tokens a model spends on a task, by reasoning effort. Figures are only
// comparable within one benchmark key; a measurement with a null effort stands for the model's
// default effort (or for the model, if it has no effort levels).

export const effortSchema = z.enum(EFFORTS);

const confidence = z.enum(["high", "medium", "low"]);

/** YYYY, YYYY-MM or YYYY-MM-DD: sources often date a benchmark version by its month. */
const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected a date as YYYY-MM-DD, YYYY-MM or YYYY")
  .refine((d) => d.length < 10 || isIsoDay(d), "not a day of the calendar");

export const benchmarkKeySchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "benchmark keys are lower-case words joined by . _ or -");

export const benchmarkSchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().nullable(),
  kind: z.enum(["per-task", "full-run"]).describe("per-task averages and full-run totals are never compared"),
  date: partialDate.describe("when this version came into use; the latest common benchmark is the basis of a scaling"),
  note: z.string().optional(),
  source: z.string().optional(),
});

const tokensSpent = z.number().min(0).finite();

export const measurementSchema = z.strictObject({
  effort: effortSchema.nullable().describe("null = the model's default effort (or the model, if it has no levels)"),
  benchmark: benchmarkKeySchema,
  outputTokens: tokensSpent.positive().describe("output tokens spent, reasoning included"),
  reasoningTokens: tokensSpent.nullable().optional(),
  answerTokens: tokensSpent.nullable().optional(),
  source: z.string().optional(),
  asOf: z.string().optional(),
  confidence: confidence.optional(),
});

export const effortSpeedSchema = z.strictObject({
  outputTokensPerSecond: z.number().positive().finite().nullable(),
  timeToFirstTokenSeconds: z.number().min(0).finite().nullable(),
  source: z.string().optional(),
  asOf: z.string().optional(),
  confidence: confidence.optional(),
  note: z.string().optional(),
});

/** One measured speed row, as its source gives it (any endpoint; TTFT with or without thinking). */
export const speedRowSchema = z.strictObject({
  effort: effortSchema.nullable(),
  outputTokensPerSecond: z.number().positive().finite().nullable(),
  ttftSeconds: z.number().min(0).finite().nullable(),
  ttftIncludesThinking: z.boolean().nullable().optional(),
  endpoint: z.string().optional(),
  source: z.string().optional(),
  asOf: z.string().optional(),
  confidence: confidence.optional(),
});

const tokenizerRatio = z.number().positive().finite();

export const tokenizerSchema = z.strictObject({
  family: z.string().min(1),
  ratio: tokenizerRatio.describe("tokens for the same text, relative to the relativeTo family"),
  low: tokenizerRatio.nullable().optional(),
  high: tokenizerRatio.nullable().optional(),
  relativeTo: z.string().min(1).describe("families with the same relativeTo compare by ratio; unrelated families by 1"),
  source: z.string().optional(),
  note: z.string().optional(),
  samples: z
    .array(
      z.strictObject({
        ratio: tokenizerRatio,
        low: tokenizerRatio.nullable().optional(),
        high: tokenizerRatio.nullable().optional(),
        textType: z.string().optional(),
        source: z.string().optional(),
        quote: z.string().optional(),
      }),
    )
    .optional()
    .describe("ratios measured on particular kinds of text (provenance; the family ratio is what scales)"),
});

export const usageSchema = z.strictObject({
  reasons: z.boolean().nullable().optional().describe("false: the model spends no reasoning tokens; null/absent: unknown"),
  efforts: z.array(effortSchema).nullable().optional(),
  defaultEffort: effortSchema.nullable().optional(),
  measurements: z.array(measurementSchema).optional(),
  speedByEffort: z
    .partialRecord(effortSchema, effortSpeedSchema)
    .optional()
    .describe("the speed used at each effort (else the model's speed)"),
  speeds: z.array(speedRowSchema).optional().describe("every measured speed row, for provenance"),
  tokenizer: tokenizerSchema.nullable().optional(),
  notes: z.string().nullable().optional(),
});

export const modelSchema = z.strictObject({
  id: modelName,
  name: z.string().min(1).optional(),
  aliases: z.array(modelName).optional(),
  rates: modelRatesSchema
    .optional()
    .describe("required for a new model, with input and output; an override of a known one may leave them out or give only the rates it changes"),
  tiers: z.array(tierSchema).optional(),
  serviceTiers: z
    .record(serviceTierName, z.number().positive().finite())
    .refine((t) => !Object.hasOwn(t, "standard"), "standard is always 1×; list only the other tiers")
    .optional()
    .describe("price multipliers by service tier (0.5 = half price); standard is always 1"),
  limits: limitsSchema.optional(),
  speed: speedSchema.nullable().optional(),
  reasoningLevels: z.array(z.string()).nullable().optional(),
  cacheWriteTtl: z.string().nullable().optional(),
  status: modelStatusSchema.optional(),
  deprecationDate: isoDate.nullable().optional(),
  replacement: z.string().nullable().optional(),
  scheduledPrices: z.array(scheduledPriceSchema).optional(),
  usage: usageSchema.optional().describe("tokens spent per task, by effort (SPEC §8)"),
  releaseDate: z.string().nullable().optional(),
  priceEffectiveDate: z.string().nullable().optional(),
  priceConfidence: z.enum(["high", "medium", "low"]).optional(),
  pricesAsOf: isoDate.optional(),
  source: z.string().optional(),
  sources: z.record(z.string(), z.array(z.string())).optional(),
  otherRates: z.record(z.string(), z.unknown()).nullable().optional(),
  notes: z.string().nullable().optional(),
});

export const pricingFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    provider: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "provider ids are lower-case").optional(),
    models: z.array(modelSchema).optional(),
    benchmarks: z.record(benchmarkKeySchema, benchmarkSchema).optional().describe("benchmark keys that measurements name"),
  })
  .refine((f) => f.models === undefined || f.provider !== undefined, { message: "a file with models names their provider", path: ["provider"] });

export type Rates = z.infer<typeof ratesSchema>;
export type PartialRates = z.infer<typeof partialRatesSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type Speed = z.infer<typeof speedSchema>;
export type ModelStatus = z.infer<typeof modelStatusSchema>;
export type ModelEntry = z.infer<typeof modelSchema>;
/** An entry as the registry holds it, merged: every model has rates. */
export type PricedEntry = ModelEntry & { rates: Rates };
export type PricingFile = z.infer<typeof pricingFileSchema>;
export type { Effort } from "../names.ts";
export type Benchmark = z.infer<typeof benchmarkSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
export type EffortSpeed = z.infer<typeof effortSpeedSchema>;
export type Tokenizer = z.infer<typeof tokenizerSchema>;
export type Usage = z.infer<typeof usageSchema>;
