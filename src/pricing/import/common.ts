import { Decimal } from "../../decimal.ts";
import { ModelNames } from "../../usage/model-ids.ts";
import type { Registry } from "../registry.ts";
import type { ModelEntry, PricingFile } from "../schema.ts";

// What every importer shares: the provider names tokencost uses, ids mapped onto bundled models
// (so that an imported file overrides them), selection (--only, --models), provenance, and the
// account of what was skipped and why.

export interface ImportOptions {
  /** The file read, named in each entry's source. */
  file: string;
  /** The date the prices are as of (from the file where it says, else --as-of, else today). */
  asOf: string;
  only?: string | undefined;
  models?: readonly string[] | undefined;
}

const PROVIDERS: Record<string, string> = {
  gemini: "google",
  google: "google",
  "vertex_ai-language-models": "google",
  vertex_ai: "google",
  "google-vertex": "google",
  "google-vertex-anthropic": "google-vertex-anthropic",
  "google-ai-studio": "google",
  openai: "openai",
  anthropic: "anthropic",
  xai: "xai",
  "x-ai": "xai",
  "meta-llama": "meta",
  deepseek: "deepseek",
  mistral: "mistral",
  mistralai: "mistral",
  groq: "groq",
  moonshot: "moonshotai",
  moonshotai: "moonshotai",
  minimax: "minimax",
  zai: "zai",
  zhipuai: "zai",
  "z-ai": "zai",
  alibaba: "alibaba",
  qwen: "alibaba",
  dashscope: "alibaba",
};

/** A provider name as tokencost writes it (lower case, [a-z0-9._-]). */
export function providerOf(name: string): string {
  const n = name.toLowerCase();
  return PROVIDERS[n] ?? (n.replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "unknown");
}

const PRICE_TEXT = /^\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * A USD-per-token price (a number, or the decimal string OpenRouter writes: "0.0000025") as USD
 * per million, exactly — 2.5, not 2.4999999999999996; undefined for anything else, negatives too.
 */
export function perMillion(v: unknown): number | undefined {
  if (typeof v !== "string" && typeof v !== "number") return undefined;
  const text = String(v).trim();
  if (!PRICE_TEXT.test(text)) return undefined;
  return Number(Decimal.from(text).mul(1_000_000n).toString());
}

export interface Skipped {
  model: string;
  reason: string;
}

export class ImportResult {
  readonly files = new Map<string, PricingFile & { models: ModelEntry[] }>();
  readonly skipped: Skipped[] = [];
  readonly notes: Skipped[] = [];
  /** Imported ids that name a bundled model (the file overrides it). */
  readonly overrides: string[] = [];
  error: string | null = null;
  /** Taken entries by what they price (a bundled id, or provider + id): the key they came from, whether it was the exact id. */
  private readonly taken = new Map<string, { key: string; exact: boolean; entry: ModelEntry; provider: string }>();
  private readonly wanted = new Set<string>();
  private names: ModelNames | null = null;

  constructor(
    readonly from: string,
    private readonly options: ImportOptions,
  ) {}

  fail(message: string): this {
    this.error = message;
    return this;
  }

  /** Whether --only / --models leave this model in (a provider not yet known passes --only). */
  private selected(key: string, id: string | null, provider: string | null): boolean {
    if (this.options.only && provider !== null && provider !== this.options.only.toLowerCase()) return false;
    const models = this.options.models;
    if (!models) return true;
    const hit = models.find((m) => [key, id, key.slice(key.lastIndexOf("/") + 1)].some((x) => x !== null && x.toLowerCase() === m.toLowerCase()));
    if (hit) this.wanted.add(hit.toLowerCase());
    return hit !== undefined;
  }

  skip(model: string, reason: string, provider: string | null = null): void {
    if (this.selected(model, null, provider)) this.skipped.push({ model, reason });
  }

  note(model: string, text: string): void {
    this.notes.push({ model, reason: text });
  }

  /** --models names that matched nothing in the file. */
  unmatched(): string[] {
    return (this.options.models ?? []).filter((m) => !this.wanted.has(m.toLowerCase()));
  }

  get imported(): number {
    return [...this.files.values()].reduce((n, f) => n + f.models.length, 0);
  }

  /**
   * An entry in: its id mapped onto a bundled model where it names one (dated snapshots, provider
   * prefixes) and the file's provider is that model's own — a reseller's listing (Azure serving
   * GPT, Together serving Gemma) never overrides the vendor's, and keeps an id of its own. Where
   * several names price one model, the exact id wins, else the first met. `asOf`: the entry's
   * own date where its source dates each entry, else the file's.
   */
  add(key: string, provider: string, entry: ModelEntry, registry: Registry, asOf = this.options.asOf): void {
    this.names ??= new ModelNames(registry);
    let bundled = this.names.resolve(key) ?? this.names.resolve(entry.id);
    if (bundled && bundled.provider !== provider) bundled = null;
    if (!bundled) {
      // An id with a vendor prefix in a host's file ("google/gemma-9" at Together) would read as
      // provider/id once loaded: the host's name goes first. So does a bare id that is a bundled
      // model's own (the host's price for it is not the vendor's).
      const vendorPrefixed = entry.id.includes("/") && !entry.id.toLowerCase().startsWith(`${provider}/`);
      if (vendorPrefixed || registry.find(entry.id)) entry.id = `${provider}/${entry.id}`;
    }
    if (!this.selected(key, entry.id, provider)) return;
    if (bundled) entry.id = bundled.id;
    const exact = bundled ? [key, key.slice(key.lastIndexOf("/") + 1)].some((k) => k.toLowerCase() === bundled!.id.toLowerCase()) : true;
    const slot = bundled ? bundled.id.toLowerCase() : `${provider}\u0000${entry.id.toLowerCase()}`;
    const before = this.taken.get(slot);
    if (before) {
      if (exact && !before.exact) {
        // The exact id beats the other name taken first: it replaces it.
        this.skipped.push({ model: before.key, reason: `another name of ${entry.id}; the exact id ${key} is imported instead` });
        const file = this.files.get(before.provider)!;
        file.models.splice(file.models.indexOf(before.entry), 1);
      } else {
        this.skipped.push({ model: key, reason: `another name of ${entry.id}, imported from ${before.key}` });
        return;
      }
    } else if (bundled) this.overrides.push(entry.id);
    // An override states only what its source knows: an unknown context window would erase the
    // bundled one (limits merge key by key, and contextTokens must be given).
    if (bundled && entry.limits?.contextTokens === null) delete entry.limits;
    entry.pricesAsOf = asOf;
    entry.source = `${this.options.file} (${this.from}: ${key})`;
    let file = this.files.get(provider);
    if (!file) {
      file = { provider, models: [] };
      this.files.set(provider, file);
    }
    file.models.push(entry);
    this.taken.set(slot, { key, exact, entry, provider });
  }
}
