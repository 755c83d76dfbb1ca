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
  azure: "openai",
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
  /** The entry the last add() took in, if it took it. */
  last: ModelEntry | null = null;
  private readonly seen = new Map<string, string>();
  private names: ModelNames | null = null;

  constructor(
    readonly from: string,
    private readonly options: ImportOptions,
  ) {}

  fail(message: string): this {
    this.error = message;
    return this;
  }

  skip(model: string, reason: string): void {
    this.skipped.push({ model, reason });
  }

  note(model: string, text: string): void {
    this.notes.push({ model, reason: text });
  }

  get imported(): number {
    return [...this.files.values()].reduce((n, f) => n + f.models.length, 0);
  }

  /**
   * An entry in: its id mapped onto a bundled model where it names one (dated snapshots,
   * provider prefixes), in that model's provider's file; selected by --only and --models.
   */
  add(key: string, provider: string, entry: ModelEntry, registry: Registry): void {
    this.last = null;
    this.names ??= new ModelNames(registry);
    let bundled = this.names.resolve(key) ?? this.names.resolve(entry.id);
    // A host's listing of another vendor's model (Together serving Llama, Azure serving GPT) is the
    // host's price, not the vendor's: it overrides nothing, under an id of the host's own.
    if (bundled && this.from !== "litellm" && this.from !== "openrouter" && bundled.provider !== provider) {
      bundled = null;
      entry.id = `${provider}/${entry.id}`;
    }
    if (bundled) {
      entry.id = bundled.id;
      provider = bundled.provider;
    }
    if (this.options.only && provider !== this.options.only.toLowerCase()) return;
    if (this.options.models && !this.options.models.some((m) => m.toLowerCase() === entry.id.toLowerCase() || m.toLowerCase() === key.toLowerCase())) return;
    const first = this.seen.get(entry.id.toLowerCase());
    if (first !== undefined) {
      this.skip(key, `another name of ${entry.id}, imported from ${first}`);
      return;
    }
    this.seen.set(entry.id.toLowerCase(), key);
    if (bundled) this.overrides.push(entry.id);
    entry.pricesAsOf = this.options.asOf;
    entry.source = `${this.options.file} (${this.from}: ${key})`;
    let file = this.files.get(provider);
    if (!file) {
      file = { provider, models: [] };
      this.files.set(provider, file);
    }
    file.models.push(entry);
    this.last = entry;
  }
}
