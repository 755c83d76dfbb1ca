// The library: everything the CLI does, as functions. The CLI (src/main.ts) is a thin layer over it.
export { Decimal } from "./decimal.ts";
export { TokencostError, type ErrorCode } from "./errors.ts";
export type { Warning, WarningCode } from "./warnings.ts";

export { loadRegistry, bundledPricing, readPricingFile, type LoadRegistryOptions } from "./pricing/load.ts";
export { Registry, type Model, type PricingSource } from "./pricing/registry.ts";
export { validatePricingFile } from "./pricing/validate.ts";
export { priceModel, scheduleAt, type ModelPricing, type PriceBand, type BilledClass } from "./pricing/price-at.ts";
export * from "./pricing/schema.ts";

export { parseWorkload, parseWorkloadText, type ParseOptions } from "./workload/parse.ts";
export { PRESETS, findPreset, type Preset } from "./workload/presets.ts";
export { parseTokenCount, parseDuration } from "./workload/values.ts";
export type * from "./workload/types.ts";

export { estimate, effortsToCompare, TOKEN_CLASSES, DAYS_PER_MONTH, type Estimate, type EstimateOptions, type TokenClass } from "./engine/estimate.ts";
export { scalingBetween, measurementsAt, resolveEffort, tokenizerFactor, type Scaling, type ScalingKind, type Factors, type Side } from "./engine/scaling.ts";
export { EFFORTS, type Effort } from "./names.ts";
export { expandAgent, expandCall, type Expansion, type Overflow } from "./engine/agent.ts";
export { checkBudget, mergeBudgets, LIMITS, type Check, type LimitKind } from "./engine/budget.ts";
export { diffEstimates, type Diff, type Thresholds } from "./engine/diff.ts";
export { statusAt } from "./pricing/lifecycle.ts";

export { resultOf, markResults, sortResults, scalingInfo, SCHEMA_VERSION, type Report, type ReportResult, type ScalingInfo } from "./report/report.ts";
export { render, FORMATS, type Format } from "./report/render.ts";
export { formatUsd, formatSeconds } from "./report/format.ts";

export { run, buildProgram, EXIT } from "./main.ts";
export { processIo, type Io } from "./commands/io.ts";
