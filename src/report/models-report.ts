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

const LISTED = ["id", "provider", "name", "tiers", "limits", "speed", "deprecationDate", "replacement", "pricesAsOf", "source"] as const;
/** What the list shows of a model (table, markdown, CSV). */
export type ListedModel = Pick<ModelAt, (typeof LISTED)[number] | "statusAt" | "ratesAt">;
export type ModelList = Omit<ModelsReport, "models"> & { models: ListedModel[] };

/**
 * The list as the table, markdown and CSV show it: each model cut to the fields they print. The
 * renderers make every string of a report safe for its format, and a whole entry (sources,
 * notes, measurements) is ten times what a list prints.
 */
export const modelList = (models: readonly Model[], at: string, registryAsOf: string | null): ModelList => ({
  schemaVersion: SCHEMA_VERSION,
  command: "models",
  at,
  registryAsOf,
  models: models.map((m) => {
    const out: Partial<ListedModel> = {};
    for (const k of LISTED) if (m[k] !== undefined) (out as Record<string, unknown>)[k] = m[k];
    out.ratesAt = scheduleAt(m, at).rates;
    out.statusAt = statusAt(m, at);
    return out as ListedModel;
  }),
});

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
