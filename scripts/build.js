#!/usr/bin/env node
// `npm run build`: the library (tsc → dist/, with types) and the CLI bundle (esbuild →
// dist/bin/cli.cjs). The bundle is what `tokencost` runs: one CommonJS file, so a start-up
// reads one file; the registry and the presets are validated here, with zod, and carried
// inline, so the everyday path neither reads pricing files nor loads a validator.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });

const { readPricingDir } = await import("../dist/pricing/bundled.js");
const { validatePricingFile } = await import("../dist/pricing/validate.js");
const { Registry } = await import("../dist/pricing/registry.js");
const { PRESETS } = await import("../dist/workload/presets.js");
const { parseWorkload } = await import("../dist/workload/parse.js");
const { serializeWorkloads } = await import("../dist/workload/serialize.js");

const pricing = readPricingDir();
for (const file of pricing) validatePricingFile(file, `pricing/${file.provider}.json`);
new Registry(pricing.map((file) => ({ file, origin: "bundled" }))); // the same construction the CLI does

const presets = Object.fromEntries(
  PRESETS.map((p) => [p.name, parseWorkload(p.workload, { label: `preset ${p.name}`, defaultName: p.name })]),
);

await build({
  entryPoints: [`${root}src/cli.ts`],
  outfile: `${root}dist/bin/cli.cjs`,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  define: {
    __TOKENCOST_PRICING__: JSON.stringify(JSON.stringify(pricing)),
    __TOKENCOST_PRESETS__: JSON.stringify(serializeWorkloads(presets)),
    "import.meta.url": "__tokencost_import_meta_url",
  },
  // CommonJS has no import.meta; the one module that asks for it (to find pricing/ when not
  // bundled) gets the bundle's own URL.
  banner: { js: 'const __tokencost_import_meta_url = require("url").pathToFileURL(__filename).href;' },
});
console.log(`built dist/ and dist/bin/cli.cjs (${pricing.reduce((n, f) => n + f.models.length, 0)} models, ${PRESETS.length} presets inline)`);
