import { statusAt } from "../pricing/lifecycle.ts";
import { scheduleAt } from "../pricing/price-at.ts";
import type { Model } from "../pricing/registry.ts";
import type { ModelStatus, PartialRates } from "../pricing/schema.ts";
import { SCHEMA_VERSION } from "./report.ts";

// The data of `tokencost models` and `models show` (what --json prints); renderers in models.ts.

export type ModelAt = Model & { ratesAt: PartialRates; statusAt: ModelStatus };

export interface ModelsReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "models";
  at: string;
  /** Each entry with the rates and status in force on `at`. */
  models: ModelAt[];
}

export interface ModelCard {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "models show";
  at: string;
  model: ModelAt;
}

const modelAt = (m: Model, at: string): ModelAt => ({ ...m, ratesAt: scheduleAt(m, at).rates, statusAt: statusAt(m, at) });

export const modelsReport = (models: readonly Model[], at: string): ModelsReport => ({
  schemaVersion: SCHEMA_VERSION,
  command: "models",
  at,
  models: models.map((m) => modelAt(m, at)),
});

export const modelCard = (model: Model, at: string): ModelCard => ({ schemaVersion: SCHEMA_VERSION, command: "models show", at, model: modelAt(model, at) });
