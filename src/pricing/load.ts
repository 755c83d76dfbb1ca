import { TokencostError } from "../errors.ts";
import { readTextFile, parseJson } from "../read.ts";
import { bundledPricing } from "./bundled.ts";
import { Registry, type PricingSource } from "./registry.ts";
import { validatePricingFile } from "./validate.ts";

/** A user's pricing file, read and validated; errors name the file and the JSON path. */
export function readPricingFile(path: string): PricingSource {
  const text = readTextFile(path, "pricing file");
  return { file: validatePricingFile(parseJson(text, path), path), origin: path };
}

export interface LoadRegistryOptions {
  /** Files merged over the bundled registry, in order (later wins). */
  pricingFiles?: readonly string[];
  /** Leave the bundled registry out (tests, or a fully private registry). */
  bundled?: boolean;
}

export function loadRegistry(options: LoadRegistryOptions = {}): Registry {
  const sources = options.bundled === false ? [] : bundledPricing();
  for (const path of options.pricingFiles ?? []) sources.push(readPricingFile(path));
  if (sources.length === 0) throw new TokencostError("USAGE", "no pricing: the registry is empty");
  return new Registry(sources);
}


export { bundledPricing };
