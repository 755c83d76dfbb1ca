import { statusAt } from "../pricing/lifecycle.ts";
import { scheduleAt } from "../pricing/price-at.ts";
import type { Model } from "../pricing/registry.ts";
import type { Benchmark, ModelStatus, PartialRates } from "../pricing/schema.ts";
import { SCHEMA_VERSION } from "./report.ts";

// The data of `tokencost models` and `models show` (what --json prints); renderers in models.ts.

export type ModelAt = Model & { ratesAt: PartialRates; statusAt: ModelStatus };

export interface ModelsReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "models";
  at: string;
  registryAsOf: string | null;
  /** Each entry with the rates and status in force on `at`. */
  models: ModelAt[];
}

export interface ModelCard {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "models show";
  at: string;
  model: ModelAt;
  /** The benchmarks the model's usage measurements name (SPEC §8). */
  benchmarks: Record<string, Benchmark>;
}

const modelAt = (m: Model, at: string): ModelAt => ({ ...m, ratesAt: scheduleAt(m, at).rates, statusAt: statusAt(m, at) });

export const modelsReport = (models: readonly Model[], at: string, registryAsOf: string | null): ModelsReport => ({
  schemaVersion: SCHEMA_VERSION,
  command: "models",
  at,
  registryAsOf,
  models: models.map((m) => modelAt(m, at)),
});

export function modelCard(model: Model, at: string, benchmarks: ReadonlyMap<string, Benchmark & { origin?: string }>): ModelCard {
  const named: Record<string, Benchmark> = {};
  for (const m of model.usage?.measurements ?? []) {
    const b = benchmarks.get(m.benchmark);
    if (b) {
      const { origin: _origin, ...rest } = b;
      named[m.benchmark] = rest;
    }
  }
  return { schemaVersion: SCHEMA_VERSION, command: "models show", at, model: modelAt(model, at), benchmarks: named };
}
