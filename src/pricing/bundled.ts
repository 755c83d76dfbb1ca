import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PricingSource } from "./registry.ts";
import type { PricingFile } from "./schema.ts";

// The CLI bundle carries the registry inline (scripts/build.js validates it with zod and
// defines this constant), so its everyday path reads no file and loads no validator.
declare const __TOKENCOST_PRICING__: string | undefined;

/** The pricing files that ship with the package, trusted as is: build and tests validate them. */
export function bundledPricing(): PricingSource[] {
  const files: PricingFile[] =
    typeof __TOKENCOST_PRICING__ === "string" ? JSON.parse(__TOKENCOST_PRICING__) : readPricingDir();
  return files.map((file) => ({ file, origin: "bundled" }));
}

/** pricing/*.json, in name order; the same relative path from src/pricing and dist/pricing. */
export function readPricingDir(): PricingFile[] {
  const dir = fileURLToPath(new URL("../../pricing/", import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "schema.json")
    .sort()
    .map((f) => JSON.parse(readFileSync(`${dir}${f}`, "utf8")) as PricingFile);
}
