import { byText } from "../text.ts";
import type { Model, Registry } from "./registry.ts";

// `tokencost pricing diff` (SPEC §10): what changed between two registries, figure by figure, so
// that a price update is a pull request a reviewer can read.

export interface FigureChange {
  figure: string;
  old: string | null;
  new: string | null;
}

export interface ModelChange {
  model: string;
  provider: string;
  kind: "added" | "removed" | "changed";
  changes: FigureChange[];
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === "string" ? v : JSON.stringify(v));

/** A model's figures as flat name → text: what a reviewer compares. */
function figures(m: Model): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const put = (name: string, v: unknown) => out.set(name, text(v));
  for (const [k, v] of Object.entries(m.rates ?? {})) put(`rates.${k}`, v);
  (m.tiers ?? []).forEach((t, i) => {
    put(`tiers[${i}].aboveInputTokens`, t.aboveInputTokens);
    for (const [k, v] of Object.entries(t.rates)) put(`tiers[${i}].rates.${k}`, v);
  });
  for (const [k, v] of Object.entries(m.serviceTiers ?? {})) put(`serviceTiers.${k}`, v);
  for (const k of ["contextTokens", "inputTokens", "outputTokens"] as const) put(`limits.${k}`, m.limits?.[k]);
  put("speed.outputTokensPerSecond", m.speed?.outputTokensPerSecond);
  put("speed.timeToFirstTokenSeconds", m.speed?.timeToFirstTokenSeconds);
  put("status", m.status);
  put("deprecationDate", m.deprecationDate);
  put("replacement", m.replacement);
  put("aliases", m.aliases?.length ? [...m.aliases].sort(byText).join(", ") : null);
  (m.scheduledPrices ?? []).forEach((s) => put(`scheduledPrices[${s.from}]`, { rates: s.rates, ...(s.tiers ? { tiers: s.tiers } : {}) }));
  put("pricesAsOf", m.pricesAsOf);
  return out;
}

export function diffRegistries(old: Registry, next: Registry): ModelChange[] {
  const key = (m: Model) => m.id.toLowerCase();
  const before = new Map(old.all().map((m) => [key(m), m]));
  const after = new Map(next.all().map((m) => [key(m), m]));
  const out: ModelChange[] = [];
  for (const [k, m] of after) {
    const was = before.get(k);
    if (!was) {
      out.push({ model: m.id, provider: m.provider, kind: "added", changes: [] });
      continue;
    }
    const [a, b] = [figures(was), figures(m)];
    const names = [...new Set([...a.keys(), ...b.keys()])];
    const changes = names.filter((n) => (a.get(n) ?? null) !== (b.get(n) ?? null)).map((n) => ({ figure: n, old: a.get(n) ?? null, new: b.get(n) ?? null }));
    if (changes.length) out.push({ model: m.id, provider: m.provider, kind: "changed", changes });
  }
  for (const [k, m] of before) if (!after.has(k)) out.push({ model: m.id, provider: m.provider, kind: "removed", changes: [] });
  const order = { changed: 0, added: 1, removed: 2 };
  return out.sort((x, y) => order[x.kind] - order[y.kind] || byText(x.provider, y.provider) || byText(x.model, y.model));
}
