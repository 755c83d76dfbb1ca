import { TokencostError } from "../errors.ts";
import { formatPath, type JsonPath } from "../text.ts";
import { allKeys, zodFailure } from "../validation.ts";
import { pricingFileSchema, type PricingFile } from "./schema.ts";
import { quote } from "../text.ts";

const ALL_KEYS = allKeys(pricingFileSchema);

/** Checks a parsed pricing file against the schema, and what a schema cannot say (the first problem). */
export function validatePricingFile(data: unknown, label: string): PricingFile {
  const parsed = pricingFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw zodFailure("PRICING", label, parsed.error, { schema: pricingFileSchema, elsewhere: ALL_KEYS });
  const first = acrossEntries(parsed.data)[0];
  if (first) throw new TokencostError("PRICING", `${label}: ${formatPath(first.path)}: ${first.message}`);
  return parsed.data;
}

/**
 * What no one entry's schema can say, each at its path: a name given twice in the file (as an id
 * or an alias, in any case), tiers out of order. `pricing validate` lists them all; a file read
 * for pricing stops at the first.
 */
export function acrossEntries(file: PricingFile): { path: JsonPath; message: string }[] {
  const found: { path: JsonPath; message: string }[] = [];
  const names = new Map<string, number>();
  (file.models ?? []).forEach((m, i) => {
    const all = [m.id, ...(m.aliases ?? [])];
    all.forEach((name, j) => {
      const key = name.toLowerCase();
      const other = names.get(key);
      if (other !== undefined) found.push({ path: j === 0 ? ["models", i, "id"] : ["models", i, "aliases", j - 1], message: `${quote(name)} is already the id or an alias of models[${other}]` });
      names.set(key, i);
    });
    const thresholds = (m.tiers ?? []).map((t) => t.aboveInputTokens);
    thresholds.forEach((t, j) => {
      if (j > 0 && t <= thresholds[j - 1]!) {
        found.push({ path: ["models", i, "tiers", j, "aboveInputTokens"], message: `${t} is not above the tier before it (${thresholds[j - 1]}): tiers go in increasing order` });
      }
    });
  });
  return found;
}
