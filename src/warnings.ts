// Assumptions and caveats travel with the numbers they qualify: each has a stable code (for
// tests and JSON consumers) and one sentence for people.

export type WarningCode =
  | "DEPRECATED"
  | "RETIRED"
  | "PREVIEW"
  | "PRICE_CHANGE" // an announced change within 90 days
  | "RATE_UNKNOWN_SINCE" // an announced change whose new rate is unknown
  | "RATE_UNKNOWN" // a rate the registry does not know, priced at its fallback
  | "NO_1H_CACHE_RATE"
  | "TTFT_UNKNOWN"
  | "SPEED_UNKNOWN"
  | "CONTEXT" // the workload does not fit
  | "NO_TOKENS"
  | "BATCH_LATENCY"
  | "PRESET"
  | "EFFORT" // an effort a model does not have: its default is used
  | "NO_COMMON_MEASUREMENT" // nothing to scale the tokens by: priced as measured
  | "NO_REFERENCE" // the workload does not say where its tokens were measured
  | "SAME_TOKENS" // --same-tokens: a per-token comparison
  | "REASONING_KEPT" // --same-tokens bills reasoning to a model that does not reason
  | "REFERENCE_UNMEASURED" // the reference has no token measurements at its effort
  | "BAND_CONTEXT" // the high end of the range does not fit
  | "NO_BAND" // the range cannot be counted exactly
  | "PEAK_HOURS" // priced off-peak; peak hours cost more
  | "NOT_YET_RELEASED" // --at before the model's release
  | "OVERRIDE"
  | "ZERO_RATE" // a rate of $0 per million: allowed (free tiers exist), never silent
  | "TINY_RATE" // a nonzero rate under $0.000001 per million after the service-tier multiplier
  | "UNPRICED" // usage: logged models the registry does not know, listed without a cost
  | "MALFORMED" // usage: lines that are not a usage record
  | "STREAM_CHUNKS" // usage: id-less Gemini chunks before their stream's last, skipped
  | "STALE_PRICES" // the bundled prices are more than 90 days older than the pricing date
  | "NO_RECORDS" // usage: the logs hold no usage record at all
  | "CACHE_STORAGE" // usage: cache storage billed per token-hour, which no rate prices
  | "CLAMPED" // usage: a record whose own numbers contradict its format, a class set to 0
  | "ATTRIBUTE_ALIAS" // usage: a non-standard OpenTelemetry attribute read as the standard one
  | "SERVICE_TIER_UNKNOWN" // usage: a logged service tier the registry does not list for the model
  | "REPORTED_DIFFERS"; // usage: the provider's reported cost differs from the registry's

export interface Warning {
  code: WarningCode;
  message: string;
  model?: string;
  /** What a line that folds one kind of warning over many models says of this one. */
  detail?: string;
  /** The folded line's text, where one code covers several kinds (the class of an unknown rate). */
  fold?: string;
}

export const warning = (code: WarningCode, message: string, model?: string): Warning =>
  model === undefined ? { code, message } : { code, message, model };
