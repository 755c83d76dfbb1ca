import { TokencostError } from "../errors.ts";
import { closest } from "../suggest.ts";
import type { ModelEntry, ModelStatus, PricingFile } from "./schema.ts";

export interface Model extends ModelEntry {
  provider: string;
  name: string;
  status: ModelStatus;
  /** "bundled", or the override file the entry (or part of it) came from. */
  origin: string;
}

export interface PricingSource {
  file: PricingFile;
  /** "bundled" or the path the file was read from. */
  origin: string;
}

/**
 * The models, indexed for lookup by id, alias or provider/id, in any case. Later sources merge
 * over earlier ones entry by entry: an override names a model by id, and the fields it gives
 * replace the bundled ones (rates, say, for a negotiated discount) while the rest stay.
 */
export class Registry {
  private readonly models: Model[];
  private readonly index = new Map<string, Model>();

  constructor(sources: readonly PricingSource[]) {
    const byId = new Map<string, Model>();
    for (const { file, origin } of sources) {
      for (const entry of file.models) {
        const key = entry.id.toLowerCase();
        const base = byId.get(key);
        const merged: Model = {
          ...(base ?? {}),
          ...entry,
          provider: file.provider,
          name: entry.name ?? base?.name ?? entry.id,
          status: entry.status ?? base?.status ?? "current",
          origin,
        };
        // Provenance of the bundled entry does not vouch for figures someone else supplied.
        if (base && origin !== base.origin) {
          if (entry.pricesAsOf === undefined) delete merged.pricesAsOf;
          if (entry.source === undefined) merged.source = origin;
        }
        byId.set(key, merged);
      }
    }
    this.models = [...byId.values()];
    for (const m of this.models) this.index.set(m.id.toLowerCase(), m);
    for (const m of this.models) {
      for (const alias of m.aliases ?? []) {
        const key = alias.toLowerCase();
        if (!this.index.has(key)) this.index.set(key, m);
      }
    }
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
    const direct = this.index.get(key);
    if (direct) return direct;
    const slash = key.indexOf("/");
    if (slash > 0) {
      const provider = key.slice(0, slash);
      const m = this.index.get(key.slice(slash + 1));
      if (m && m.provider.toLowerCase() === provider) return m;
    }
    return undefined;
  }

  /** Like find, but an unknown name is an error that suggests the three closest ids. */
  get(name: string, where = ""): Model {
    const m = this.find(name);
    if (m) return m;
    const suggestions = closest(name, this.models.map((x) => x.id), 3);
    const prefix = where ? `${where}: ` : "";
    throw new TokencostError(
      "UNKNOWN_MODEL",
      `${prefix}unknown model "${name}" — did you mean ${suggestions.join(", ")}?`,
      "`tokencost models` lists every model",
    );
  }

  byProvider(provider: string): Model[] {
    const p = provider.toLowerCase();
    const found = this.models.filter((m) => m.provider.toLowerCase() === p);
    if (found.length === 0) {
      throw new TokencostError(
        "USAGE",
        `unknown provider "${provider}" — known providers: ${this.providers().join(", ")}`,
      );
    }
    return found;
  }
}
