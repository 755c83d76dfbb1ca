// Everything the CLI validates with zod, behind one door: the CLI bundle keeps this module in a
// file of its own (dist/bin/validators.cjs, see scripts/build.js) and loads it only when a user
// file or flags need checking, so that the everyday path never parses zod.
export { parseWorkload, parseWorkloadText } from "./workload/parse.ts";
export { readPricingFile } from "./pricing/load.ts";
export { checkPricingFile } from "./pricing/check-file.ts";
export { validatePricingFile } from "./pricing/validate.ts";
