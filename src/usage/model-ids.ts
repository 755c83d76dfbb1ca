import type { Model, Registry } from "../pricing/registry.ts";

// Logs name models as their APIs answered: dated snapshots (gpt-5.5-2026-04-23), provider
// prefixes (anthropic/claude-4.6-sonnet-20260217 on OpenRouter, word order swapped), Bedrock
// inference profiles (us.anthropic.claude-opus-4-8-v1:0), Vertex resource paths. Each is
// reduced step by step until the registry knows it; what it never knows stays unpriced.

const BEDROCK_REGION = /^(us|eu|apac|global|us-gov|jp|au|ca|ap)\./;
const BEDROCK_VENDOR = /^(anthropic|openai|meta|amazon|mistral|cohere|ai21|deepseek|qwen|google|moonshot|moonshotai|minimax|zai|writer|xai)\./;
const STEPS: ((s: string) => string)[] = [
  (s) => s.replace(/^(projects\/[^/]+\/locations\/[^/]+\/)?publishers\/[^/]+\/models\//, "").replace(/^models\//, ""),
  (s) => s.replace(BEDROCK_REGION, "").replace(BEDROCK_VENDOR, "").replace(/-v\d+(:\d+)?$/, "").replace(/:\d+$/, ""),
  // OpenRouter variants (:thinking, :nitro…) bill as the model; ":free" is another price and stays unknown.
  (s) => s.replace(/:(thinking|extended|beta|nitro|floor|online|exacto)$/, ""),
  (s) => s.slice(s.lastIndexOf("/") + 1),
  (s) => s.replace(/[-@](\d{8}|\d{4}-\d{2}-\d{2})$/, "").replace(/-(latest|\d{3})$/, ""),
  // claude-4.6-sonnet → claude-sonnet-4-6; claude-sonnet-4.6 → claude-sonnet-4-6.
  (s) => s.replace(/^claude-(\d+)(?:[.-](\d+))?-(opus|sonnet|haiku|fable)\b/, (_m, a: string, b: string | undefined, f: string) => `claude-${f}-${a}${b ? `-${b}` : ""}`),
  (s) => s.replace(/^claude-(opus|sonnet|haiku|fable)-(\d+)\.(\d+)/, "claude-$1-$2-$3"),
];

export class ModelNames {
  private readonly known = new Map<string, Model | null>();

  constructor(private readonly registry: Registry) {}

  /** The registry's model for a logged id, or null. Remembered: logs repeat a handful of ids. */
  resolve(raw: string): Model | null {
    let hit = this.known.get(raw);
    if (hit !== undefined) return hit;
    hit = this.search(raw);
    if (this.known.size < 100_000) this.known.set(raw, hit);
    return hit;
  }

  private search(raw: string): Model | null {
    if (raw.length > 256) return null;
    let s = raw.trim().toLowerCase();
    const direct = this.registry.find(s);
    if (direct) return direct;
    for (const step of STEPS) {
      const next = step(s);
      if (next === s) continue;
      s = next;
      const m = this.registry.find(s);
      if (m) return m;
    }
    return null;
  }
}
