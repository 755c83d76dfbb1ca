#!/usr/bin/env node
// `npm run build`: the library (tsc → dist/, with types) and the CLI bundle (esbuild →
// dist/bin/cli.cjs). The bundle is what `tokencost` runs: one CommonJS file and its code cache;
// the registry and the presets are validated here, with zod — the presets carried inline, the
// registry packed into dist/bin/registry.json (its token measurements beside it) — so the
// everyday path neither reads the pricing files nor loads a validator.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });

const { readPricingDir, packPricing, unpackPricing } = await import("../dist/pricing/bundled.js");
const { validatePricingFile } = await import("../dist/pricing/validate.js");
const { Registry } = await import("../dist/pricing/registry.js");
const { PRESETS } = await import("../dist/workload/presets.js");
const { parseWorkload } = await import("../dist/workload/parse.js");
const { serializeWorkloads } = await import("../dist/workload/serialize.js");

const pricing = readPricingDir();
for (const file of pricing) validatePricingFile(file, `pricing/${file.provider}.json`);
new Registry(pricing.map((file) => ({ file, origin: "bundled" })));
// What the CLI reads, built with every check (the CLI then skips the ones that passed here).
const packed = packPricing(pricing);
new Registry(unpackPricing(packed.registry, () => packed.measurements).map((file) => ({ file, origin: "bundled" })));

const presets = Object.fromEntries(
  PRESETS.map((p) => [p.name, parseWorkload(p.workload, { label: `preset ${p.name}`, defaultName: p.name })]),
);

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: process.env.TOKENCOST_MINIFY !== "0",
  legalComments: "none",
  logLevel: "warning",
  // CommonJS has no import.meta; the one module that asks for it (to find pricing/ when the
  // registry is not packed) gets the bundle's own URL — dist/bin/ is as deep as src/pricing/ —
  // made when asked (node:url's pathToFileURL costs ~0.7 ms a start-up need not pay).
  define: { "import.meta": "__tokencost_import_meta" },
  banner: { js: 'const __tokencost_import_meta = { get url() { return require("url").pathToFileURL(__filename).href; } };' },
};

// zod is most of the weight, the renderers and chalk the rest: the validators, the renderers and
// colour get files of their own, required on demand. (They carry their own copies of the small shared
// modules; errors are recognised by name, not by class, for that reason.)
const APART = { validators: "src/validators.ts", renderers: "src/commands/renderers.ts", colour: "src/commands/colour.ts" };
for (const [name, entry] of Object.entries(APART)) {
  await build({ ...common, entryPoints: [`${root}${entry}`], outfile: `${root}dist/bin/${name}.cjs` });
}
// `usage` and `pricing` do their work in bundles of their own, built like the CLI (the packed
// registry, the validators and renderers required from theirs): log parsers, importers and SQL are
// ~90 KB an everyday start-up would otherwise read and compile.
const TOOLS = { "usage-run": "src/commands/usage-run.ts", "pricing-run": "src/commands/pricing-run.ts" };
const keepApart = {
  name: "keep-apart",
  setup(b) {
    const apart = new RegExp(`/(${[...Object.keys(APART), ...Object.keys(TOOLS)].join("|")})\\.ts$`);
    // A bundle's own entry is built, not pointed elsewhere.
    b.onResolve({ filter: apart }, (a) =>
      a.kind === "entry-point" ? undefined : { path: `./${a.path.split("/").pop().replace(/\.ts$/, ".cjs")}`, external: true },
    );
  },
};

// commander requires child_process at load time, for executable subcommands tokencost does not
// have; loading it (and net, stream) costs ~6 ms of every start. It gets a lazy stand-in.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (a) =>
      a.importer.includes("node_modules/commander") ? { path: "lazy-child-process", namespace: "tokencost" } : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: "tokencost" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, k) => require("node:child_process")[k] });',
      loader: "js",
    }));
  },
};

// The sources are ESM, so the two places that load node:tty only when a descriptor may be a
// terminal do it through node:module's createRequire. A bundle is CommonJS and has a require of
// its own; loading node:module for one costs ~0.8 ms of every start (it brings Node's ESM
// loader and source maps with it).
const ownRequire = {
  name: "own-require",
  setup(b) {
    const src = join(root, "src") + sep;
    b.onResolve({ filter: /^(node:)?module$/ }, (a) => (a.importer.startsWith(src) ? { path: "own-require", namespace: "tokencost" } : undefined));
    b.onLoad({ filter: /^own-require$/, namespace: "tokencost" }, () => ({ contents: "module.exports = { createRequire: () => require };", loader: "js" }));
  },
};

const cliBuild = {
  ...common,
  // import() of a .cjs file goes through Node's ESM loader (an async read and a CommonJS lexer
  // pass, ~20 ms idle per run); the bundle is CommonJS, so a plain require does the same job.
  supported: { "dynamic-import": false },
  entryPoints: [`${root}src/cli.ts`],
  outfile: `${root}dist/bin/cli.cjs`,
  plugins: [keepApart, lazyChildProcess, ownRequire],
  banner: {
    js: `${common.banner.js}const __tokencost_pricing_path = __dirname + "/registry.json", __tokencost_measurements_path = __dirname + "/measurements.json";`,
  },
  define: {
    ...common.define,
    __TOKENCOST_PRICING_PATH__: "__tokencost_pricing_path",
    __TOKENCOST_MEASUREMENTS_PATH__: "__tokencost_measurements_path",
    __TOKENCOST_PRESETS__: JSON.stringify(serializeWorkloads(presets)),
  },
};
writeFileSync(`${root}dist/bin/registry.json`, packed.registry);
writeFileSync(`${root}dist/bin/measurements.json`, packed.measurements);
await build(cliBuild);
for (const [name, entry] of Object.entries(TOOLS)) {
  await build({ ...cliBuild, entryPoints: [`${root}${entry}`], outfile: `${root}dist/bin/${name}.cjs` });
}
// Each bundle is written as the function CommonJS would wrap it in, so that bin/load-bundle.cjs
// compiles the text as read: wrapping it at run time made a joined string that V8 then copied
// whole (a 127 KB young string that every start's first collections carried: estimate --json
// −4.5 ms, 200 fewer page faults). Run as a script (the loader), the text's value is that
// function; run as a CommonJS module (by Node, or by a loader from before this form, beside a
// newer build) it calls it at once, so it runs either way rather than doing nothing. (The head
// must match BUNDLE_HEAD in bin/load-bundle.cjs.) Its last line is a hash of its content: its
// caches are named after it (and its length), not after file times, which an npm install does
// not keep.
const BUNDLE_HEAD = '(function (f) { return typeof module === "object" && module !== null ? f.call(module.exports, module.exports, require, module, __filename, __dirname) : f; })(function (exports, require, module, __filename, __dirname) { ';
for (const f of readdirSync(`${root}dist/bin`)) {
  if (!f.endsWith(".cjs")) continue;
  const text = `${BUNDLE_HEAD}${readFileSync(`${root}dist/bin/${f}`, "utf8")}\n});\n`;
  writeFileSync(`${root}dist/bin/${f}`, `${text}// tokencost-cache-key: ${createHash("sha256").update(text).digest("hex").slice(0, 16)}\n`);
}
// V8 code caches for the bundles (bin/load-bundle.cjs reads them): made by running the commands
// people run most, so that the functions they need are compiled already. Old caches go first.
for (const f of readdirSync(`${root}dist/bin`)) if (f.endsWith(".cache")) rmSync(`${root}dist/bin/${f}`);
for (const args of [
  ["estimate", "examples/coding-agent.json", "--json", "--at", "2026-11-28"],
  ["models", "--at", "2026-11-28"],
  ["compare", "--all", "--at", "2026-11-28"],
]) {
  execFileSync(process.execPath, [`${root}bin/tokencost.js`, ...args], { cwd: root, stdio: "ignore", env: { ...process.env, TOKENCOST_WRITE_CODE_CACHE: "1", NO_COLOR: "1" } });
}

console.log(`built dist/ and dist/bin/cli.cjs (${pricing.reduce((n, f) => n + (f.models?.length ?? 0), 0)} models, ${PRESETS.length} presets inline, registry packed)`);
