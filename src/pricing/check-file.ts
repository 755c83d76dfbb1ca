import { formatPath, quote, type JsonPath } from "../text.ts";
import { allKeys, zodProblems } from "../validation.ts";
import { isTokencostError } from "../errors.ts";
import { Registry, type PricingSource } from "./registry.ts";
import { acrossEntries } from "./validate.ts";
import { pricingFileSchema, type PartialRates, type PricingFile } from "./schema.ts";

// `tokencost pricing validate`: every problem of a pricing file, each at its JSON path — the
// schema's, and what a schema cannot say (a cache read dearer than no cache, tiers out of order,
// a name that already means a bundled model). Errors stop a file being used; warnings are
// figures that are legal but rarely meant (a rate of 0).

export interface Problem {
  severity: "error" | "warning";
  path: JsonPath;
  message: string;
}

const ALL_KEYS = allKeys(pricingFileSchema);
const RATE_CLASSES = ["input", "cachedInput", "cacheWrite", "cacheWrite1h", "output", "reasoning"] as const;

/** `bundled`: the bundled registry and the sources it was built from (read once for every file checked). */
export function checkPricingFile(
  data: unknown,
  bundled: { registry: Registry; sources: readonly PricingSource[] },
): { file: PricingFile | null; problems: Problem[] } {
  const parsed = pricingFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { file: null, problems: zodProblems(parsed.error, { schema: pricingFileSchema, elsewhere: ALL_KEYS }).map((p) => ({ severity: "error", ...p })) };
  }
  const file = parsed.data;
  const problems: Problem[] = [];
  const error = (path: JsonPath, message: string) => problems.push({ severity: "error", path, message });
  const warn = (path: JsonPath, message: string) => problems.push({ severity: "warning", path, message });
  // The checks across entries (validate.ts), each said where its path comes in this file's order
  // (one problem a path: a name's, or a tier's threshold).
  const across = new Map<string, string>();
  for (const p of acrossEntries(file)) across.set(formatPath(p.path), p.message);
  const acrossAt = (path: JsonPath) => {
    const message = across.get(formatPath(path));
    if (message !== undefined) error(path, message);
  };

  (file.models ?? []).forEach((m, i) => {
    const at = (...p: (string | number)[]): JsonPath => ["models", i, ...p];
    for (const [j, name] of [m.id, ...(m.aliases ?? [])].entries()) {
      const where = j === 0 ? at("id") : at("aliases", j - 1);
      acrossAt(where);
      // An entry with a bundled model's id overrides it; a name of ANOTHER bundled model would
      // price one of them as the other.
      const known = bundled.registry.find(name);
      const self = bundled.registry.find(m.id);
      if (known && known !== self) error(where, `${quote(name)} already names the bundled model ${known.provider}/${known.id}`);
    }
    if (m.rates) checkRates(m.rates, at("rates"), error, warn);
    (m.tiers ?? []).forEach((_, j) => acrossAt(at("tiers", j, "aboveInputTokens")));
    (m.tiers ?? []).forEach((t, j) => {
      checkRates(t.rates, at("tiers", j, "rates"), error, warn, m.rates);
      for (const cls of RATE_CLASSES) {
        const tier = t.rates[cls];
        const base = m.rates?.[cls];
        if (typeof tier === "number" && typeof base === "number" && tier < base) {
          warn(at("tiers", j, "rates", cls), `${tier} is below the base rate ${base}: long prompts usually cost more, not less`);
        }
      }
    });
    for (const [tier, mult] of Object.entries(m.serviceTiers ?? {})) {
      if (mult === 0) warn(at("serviceTiers", tier), "a multiplier of 0 makes this tier free");
    }
    const dates = (m.scheduledPrices ?? []).map((p) => p.from);
    dates.forEach((d, j) => {
      if (dates.indexOf(d) !== j) error(at("scheduledPrices", j, "from"), `${d} is scheduled twice`);
    });
    if (m.status === "deprecated" && !m.deprecationDate) warn(at("status"), "deprecated without a deprecationDate: reports cannot say when it shuts down");
  });
  // What loading it over the bundled registry would refuse (a provider/id form naming another
  // model, an alias clash the checks above do not see): the file is no use if --pricing rejects it.
  if (!problems.some((p) => p.severity === "error")) {
    try {
      new Registry([...bundled.sources, { file, origin: "this file" }]);
    } catch (e) {
      if (!isTokencostError(e)) throw e;
      problems.push({ severity: "error", path: [], message: `--pricing would refuse it: ${e.message.replace(/^this file: /, "")}` });
    }
  }
  return { file, problems };
}

function checkRates(
  rates: PartialRates,
  path: JsonPath,
  error: (p: JsonPath, m: string) => void,
  warn: (p: JsonPath, m: string) => void,
  base?: PartialRates,
): void {
  for (const cls of RATE_CLASSES) if (rates[cls] === 0) warn([...path, cls], "a rate of 0: free, or a figure left out? (unknown is null)");
  const input = rates.input ?? base?.input;
  const cached = rates.cachedInput;
  if (typeof cached === "number" && typeof input === "number" && cached > input) {
    error([...path, "cachedInput"], `${cached} is above the input rate ${input}: a cache read would cost more than no cache`);
  }
}
