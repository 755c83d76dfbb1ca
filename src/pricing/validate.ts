import { TokencostError } from "../errors.ts";
import { formatPath } from "../text.ts";
import { allKeys, zodFailure } from "../validation.ts";
import { pricingFileSchema, type PricingFile } from "./schema.ts";
import { quote } from "../text.ts";

const ALL_KEYS = allKeys(pricingFileSchema);

/** Checks a parsed pricing file against the schema, and what a schema cannot say. */
export function validatePricingFile(data: unknown, label: string): PricingFile {
  const parsed = pricingFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw zodFailure("PRICING", label, parsed.error, { schema: pricingFileSchema, elsewhere: ALL_KEYS });
  const file = parsed.data;
  const seen = new Map<string, number>();
  (file.models ?? []).forEach((m, i) => {
    for (const name of [m.id, ...(m.aliases ?? [])]) {
      const key = name.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) {
        throw new TokencostError(
          "PRICING",
          `${label}: ${formatPath(["models", i])}: ${quote(name)} is already the id or an alias of models[${other}]`,
        );
      }
      seen.set(key, i);
    }
    const thresholds = (m.tiers ?? []).map((t) => t.aboveInputTokens);
    if (thresholds.some((t, j) => j > 0 && t <= thresholds[j - 1]!)) {
      throw new TokencostError("PRICING", `${label}: ${formatPath(["models", i, "tiers"])}: tiers must be in increasing aboveInputTokens order`);
    }
  });
  return file;
}
