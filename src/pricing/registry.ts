import { TokencostError } from "../errors.ts";
import { closest } from "../suggest.ts";
import type { Benchmark, ModelEntry, ModelStatus, PricedEntry, PricingFile } from "./schema.ts";
import { quote } from "../text.ts";

export interface Model extends PricedEntry {
  provider: string;
  name: string;
  status: ModelStatus;
  /** "bundled", or the override file the entry (or part of it) came from. */
  origin: string;
  /** "bundled", or the override file that last set its prices (rates, tiers, service tiers, schedule). */
  pricedBy: string;
  /** Figure groups an override file set: which file, and the source and date it gave for them. */
  provenance?: Partial<Record<FigureGroup, Provenance>>;
}

export type FigureGroup = "rates" | "tiers" | "serviceTiers" | "schedule" | "limits" | "speed" | "usage" | "lifecycle";

export interface Provenance {
  origin: string;
  source?: string;
  asOf?: string;
}

const GROUP_FIELDS: Record<FigureGroup, readonly (keyof ModelEntry)[]> = {
  rates: ["rates", "pricesAsOf"],
  tiers: ["tiers"],
  serviceTiers: ["serviceTiers"],
  schedule: ["scheduledPrices"],
  limits: ["limits"],
  speed: ["speed"],
  usage: ["usage"],
  lifecycle: ["status", "deprecationDate", "replacement"],
};

/**
 * Which groups an override sets, with what it says of them: its `source` and `pricesAsOf` vouch
 * for its prices; a speed or limits object may carry its own.
 */
function provenanceOf(entry: ModelEntry, origin: string): Partial<Record<FigureGroup, Provenance>> {
  const out: Partial<Record<FigureGroup, Provenance>> = {};
  for (const [group, fields] of Object.entries(GROUP_FIELDS) as [FigureGroup, readonly (keyof ModelEntry)[]][]) {
    if (!fields.some((f) => entry[f] !== undefined)) continue;
    const own = group === "speed" ? entry.speed : group === "limits" ? entry.limits : undefined;
    const source = own?.source ?? entry.source;
    // pricesAsOf dates prices; a speed carries its own date, if any.
    const priced = group === "rates" || group === "tiers" || group === "serviceTiers" || group === "schedule";
    const asOf = group === "speed" ? entry.speed?.asOf : priced ? entry.pricesAsOf : undefined;
    out[group] = { origin, ...(source ? { source } : {}), ...(asOf ? { asOf } : {}) };
  }
  return out;
}

/** A figure group from an override keeps the figures it does not give, not the words about them. */
const figuresOnly = <T extends object>(group: T | null | undefined, keys: readonly string[]): Partial<T> =>
  group ? (Object.fromEntries(Object.entries(group).filter(([k]) => keys.includes(k))) as Partial<T>) : {};

export interface PricingSource {
  file: PricingFile;
  /** "bundled" or the path the file was read from. */
  origin: string;
  /**
   * The packed registry scripts/build.js writes: built into a Registry when it was written, every
   * check passed, and each entry already the model the Registry makes of it (provider, name,
   * status, origin), taken as it is.
   */
  prechecked?: boolean;
}

/**
 * An entry over the one it overrides: the fields it gives replace the old ones, and the rate,
 * limit, speed and service-tier maps merge key by key, so an override that names two rates
 * keeps the others. An override from another file drops the bundled list-price schedule (a
 * negotiated rate does not follow announced list-price changes) unless it gives its own, and
 * the bundled provenance does not vouch for figures someone else supplied. An override that
 * sets no price (only usage, say) leaves the prices and their provenance alone.
 */
const PRICE_FIELDS = ["rates", "tiers", "serviceTiers", "scheduledPrices", "pricesAsOf"] as const;

export function mergeEntry(base: Model | undefined, entry: ModelEntry, provider: string, origin: string): Model {
  if (!base && !entry.rates) {
    throw new TokencostError("PRICING", `${origin}: ${entry.id}: a new model needs "rates" (only an override of a known model may leave them out)`);
  }
  const merged: Model = {
    ...base,
    ...(entry as PricedEntry),
    provider,
    name: entry.name ?? base?.name ?? entry.id,
    status: entry.status ?? base?.status ?? "current",
    origin,
    pricedBy: origin,
  };
  if (!base) return requireRates(merged, "a new model");
  if (origin !== base.origin || base.provenance) {
    const provenance = { ...base.provenance, ...(origin === "bundled" ? {} : provenanceOf(entry, origin)) };
    if (Object.keys(provenance).length) merged.provenance = provenance;
  }
  const setsPrices = PRICE_FIELDS.some((k) => entry[k] !== undefined);
  if (!setsPrices) merged.pricedBy = base.pricedBy;
  merged.rates = { ...base.rates, ...(entry.rates ?? {}) };
  if (base.limits && entry.limits) merged.limits = { ...figuresOnly(base.limits, ["contextTokens", "inputTokens", "outputTokens"]), ...entry.limits } as typeof entry.limits;
  if (base.speed && entry.speed) merged.speed = { ...figuresOnly(base.speed, ["outputTokensPerSecond", "timeToFirstTokenSeconds"]), ...entry.speed } as typeof entry.speed;
  if (base.serviceTiers && entry.serviceTiers) merged.serviceTiers = { ...base.serviceTiers, ...entry.serviceTiers };
  // usage merges by part: an override with its own measurements keeps the bundled tokenizer.
  if (base.usage && entry.usage) merged.usage = { ...base.usage, ...entry.usage };
  if (setsPrices && origin !== base.pricedBy) {
    if (entry.scheduledPrices === undefined) delete merged.scheduledPrices;
    if (entry.pricesAsOf === undefined) delete merged.pricesAsOf;
    if (entry.source === undefined) merged.source = origin;
  }
  return requireRates(merged, "the merged entry");
}

/** The schema lets an override give any rates; what it merges into must price input and output. */
const REQUIRED_RATES = ["input", "output"] as const;
function requireRates(m: Model, what: string): Model {
  for (let i = 0; i < REQUIRED_RATES.length; i++) {
    const cls = REQUIRED_RATES[i]!;
    if (typeof m.rates[cls] !== "number") {
      throw new TokencostError("PRICING", `${m.origin === "bundled" ? "pricing" : m.origin}: ${m.id}: rates.${cls}: required (${what} has no ${cls} rate)`);
    }
  }
  return m;
}

/**
 * What the schema cannot say about a model's usage: every measurement names a known benchmark
 * and an effort the model has, and the default effort is one of its levels.
 */
function checkUsage(m: Model, benchmarks: ReadonlyMap<string, Benchmark>): void {
  const u = m.usage;
  if (!u) return;
  const fail = (what: string) => {
    throw new TokencostError("PRICING", `${m.origin === "bundled" ? "pricing" : m.origin}: ${m.id}: usage: ${what}`);
  };
  const has = (e: string) => !u.efforts || u.efforts.includes(e as never);
  if (u.defaultEffort && !has(u.defaultEffort)) fail(`defaultEffort ${quote(u.defaultEffort)} is not one of its efforts (${u.efforts!.join(", ")})`);
  for (const x of u.measurements ?? []) {
    if (!benchmarks.has(x.benchmark)) {
      fail(`a measurement names benchmark ${quote(x.benchmark)}, which no pricing file defines (known: ${[...benchmarks.keys()].join(", ") || "none"})`);
    }
    if (x.effort && !has(x.effort)) fail(`a measurement at effort ${quote(x.effort)}, which is not one of its efforts (${u.efforts!.join(", ")})`);
  }
}

/**
 * The models, indexed for lookup by id, alias or provider/id, in any case. Later sources merge
 * over earlier ones entry by entry: an override names a model by id, and the fields it gives
 * replace the bundled ones (rates, say, for a negotiated discount) while the rest stay.
 */
export class Registry {
  private readonly models: Model[];
  private readonly index = new Map<string, Model>();
  /** Benchmark keys that usage measurements name (SPEC §8), from every file; later files win. */
  readonly benchmarks: ReadonlyMap<string, Benchmark & { origin: string }>;
  /** How fresh the bundled prices are: the latest `pricesAsOf` of a bundled entry (null without one). */
  readonly asOf: string | null;

  constructor(sources: readonly PricingSource[]) {
    const byId = new Map<string, Model>();
    const benchmarks = new Map<string, Benchmark & { origin: string }>();
    // Indexed loops here and below: every run builds the registry cold, ~100 models.
    for (let s = 0; s < sources.length; s++) {
      const { file, origin, prechecked } = sources[s]!;
      for (const [key, b] of Object.entries(file.benchmarks ?? {})) benchmarks.set(key, { ...b, origin });
      const entries = file.models ?? [];
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        const key = entry.id.toLowerCase();
        const base = byId.get(key);
        // A packed entry is already the model (see PricingSource.prechecked); anything else merges.
        const adopt = !base && prechecked && (entry as Partial<Model>).origin === origin && (entry as Partial<Model>).provider === file.provider;
        byId.set(key, adopt ? (entry as Model) : mergeEntry(base, entry, file.provider!, origin));
      }
    }
    this.models = [...byId.values()];
    this.benchmarks = benchmarks;
    let asOf: string | null = null;
    for (let s = 0; s < sources.length; s++) {
      if (sources[s]!.origin !== "bundled") continue;
      const entries = sources[s]!.file.models ?? [];
      for (let i = 0; i < entries.length; i++) {
        const d = entries[i]!.pricesAsOf;
        if (d && (asOf === null || d > asOf)) asOf = d;
      }
    }
    this.asOf = asOf;
    // Usage checks read every measurement, which the packed registry keeps as text until asked.
    if (!sources.every((s) => s.prechecked)) for (const m of this.models) checkUsage(m, benchmarks);
    // One name, one model: an override whose alias is another model's id (or the reverse)
    // would otherwise price one of them silently as the other.
    for (const m of this.models) {
      for (let n = -1; n < (m.aliases?.length ?? 0); n++) {
        const name = n < 0 ? m.id : m.aliases![n]!;
        const key = name.toLowerCase();
        const other = this.index.get(key);
        if (other && other !== m) {
          const blame = m.origin !== "bundled" ? m.origin : other.origin;
          throw new TokencostError("PRICING", `${blame}: ${quote(name)} names both ${other.id} and ${m.id}; give each model its own ids and aliases`);
        }
        this.index.set(key, m);
      }
    }
    // A name with a slash is also read as provider/name (find): "google/gemini-3.5-flash" as the
    // alias of another model would capture every lookup of Google's model by that form.
    for (const m of this.models) {
      for (let n = -1; n < (m.aliases?.length ?? 0); n++) {
        const name = n < 0 ? m.id : m.aliases![n]!;
        // Only a name with a slash can be read as provider/name.
        if (!name.includes("/")) continue;
        const other = this.viaProvider(name.toLowerCase());
        if (other && other !== m) {
          const blame = m.origin !== "bundled" ? m.origin : other.origin;
          const what = name === m.id ? "id" : "alias";
          const form = name.slice(name.indexOf("/") + 1).toLowerCase() === other.id.toLowerCase() ? "provider/id" : "provider/alias";
          throw new TokencostError(
            "PRICING",
            `${blame}: the ${what} ${quote(name)} of ${m.id} already names ${other.provider}/${other.id} (as ${form}); give each model its own ids and aliases`,
          );
        }
      }
    }
  }

  /** The model a "provider/name" key names by its provider and one of its own names. */
  private viaProvider(key: string): Model | undefined {
    const slash = key.indexOf("/");
    if (slash <= 0) return undefined;
    const m = this.index.get(key.slice(slash + 1));
    return m && m.provider.toLowerCase() === key.slice(0, slash) ? m : undefined;
  }

  all(): readonly Model[] {
    return this.models;
  }

  providers(): string[] {
    return [...new Set(this.models.map((m) => m.provider))].sort();
  }

  /** By id, alias or provider/id, ignoring case; undefined when nothing matches. */
  find(name: string): Model | undefined {
    const key = name.trim().toLowerCase();
    return this.index.get(key) ?? this.viaProvider(key);
  }

  /** Like find, but an unknown name is an error that suggests the three closest ids. */
  get(name: string, where = ""): Model {
    const m = this.find(name);
    if (m) return m;
    const suggestions = closest(name, this.models.map((x) => x.id), 3);
    const prefix = where ? `${where}: ` : "";
    throw new TokencostError(
      "UNKNOWN_MODEL",
      `${prefix}unknown model ${quote(name)} — did you mean ${suggestions.join(", ")}?`,
      "`tokencost models` lists every model",
    );
  }

  byProvider(provider: string): Model[] {
    const p = provider.toLowerCase();
    const found = this.models.filter((m) => m.provider.toLowerCase() === p);
    if (found.length === 0) {
      throw new TokencostError(
        "USAGE",
        `unknown provider ${quote(provider)} — known providers: ${this.providers().join(", ")}`,
      );
    }
    return found;
  }
}
