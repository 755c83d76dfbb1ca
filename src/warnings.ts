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
  | "OVERRIDE";

export interface Warning {
  code: WarningCode;
  message: string;
  model?: string;
}

export const warning = (code: WarningCode, message: string, model?: string): Warning =>
  model === undefined ? { code, message } : { code, message, model };
