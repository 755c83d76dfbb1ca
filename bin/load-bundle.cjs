"use strict";
// Starts the CLI bundles (dist/bin/*.cjs) with the V8 code caches the build wrote beside them:
// a run then compiles almost nothing, and compiling was most of what a run cost beyond starting
// Node. A cache is named after the length of the bundle it was made from and the content hash the
// build wrote on the bundle's last line, so a rebuilt bundle is never paired with a stale cache
// (V8 itself checks only the length) and an installed copy finds its caches (npm does not keep
// file times, which the names once used); a bundle without that line falls back to its mtime.
// A missing or rejected cache (another Node version, other V8 flags) costs only the compile.
// TOKENCOST_CODE_CACHE_REPORT=1 says on stderr which caches were used.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
// The CommonJS loader's Module class, as require("node:module") exports it, without loading that
// module (it brings Node's ESM loader and source maps with it: ~0.8 ms of every start).
const Module = module.constructor;

const dir = path.join(__dirname, "..", "dist", "bin");
const writing = process.env.TOKENCOST_WRITE_CODE_CACHE === "1";
const report = process.env.TOKENCOST_CODE_CACHE_REPORT === "1";
const scripts = new Map();

// How the build begins each bundle (scripts/build.js): as a script, its value is the module function.
const BUNDLE_HEAD = '(function (f) { return typeof module === "object" && module !== null ? f.call(module.exports, module.exports, require, module, __filename, __dirname) : f; })(function (exports, require, module, __filename, __dirname) { ';
// The build's last line, "// tokencost-cache-key: <16 hex digits>": read by hand, as a regular
// expression is compiled (twice, as V8 tiers it up) at every start.
const KEY_LINE = "// tokencost-cache-key: ";
function cacheKey(source) {
  const tail = source.slice(-64);
  const at = tail.lastIndexOf(KEY_LINE);
  if (at < 0) return undefined;
  const key = tail.slice(at + KEY_LINE.length, at + KEY_LINE.length + 16);
  if (key.length !== 16) return undefined;
  for (let i = 0; i < 16; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined; // 0-9 a-f
  }
  return tail.slice(at + KEY_LINE.length + 16).trim() === "" ? key : undefined;
}
function cacheName(filename, source, key) {
  if (key) return `${filename}.${source.length}-${key}.cache`;
  const stat = fs.statSync(filename);
  return `${filename}.${stat.size}-${Math.trunc(stat.mtimeMs)}.cache`;
}

function load(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const key = cacheKey(source);
  const name = cacheName(filename, source, key);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(dir);
  let cachedData;
  if (!writing) {
    try {
      cachedData = fs.readFileSync(name);
    } catch {
      // no cache: compile as Node would
    }
  }
  // The build writes each bundle already wrapped as CommonJS wraps a module (scripts/build.js);
  // any other file (a build from before that, a bundle edited by hand) is wrapped here.
  const wrapped = source.startsWith(BUNDLE_HEAD) ? source : Module.wrap(source);
  const script = new vm.Script(wrapped, { filename, cachedData });
  scripts.set(filename, { script, name });
  if (report) {
    const used = cachedData === undefined ? "none found" : script.cachedDataRejected ? "rejected" : "used";
    process.stderr.write(`code cache for ${path.basename(filename)}: ${used}\n`);
  }
  // A bundle asks for its siblings as "./name.cjs": they are loaded here directly, since Node's
  // resolution of a relative request first reads the package scope (package.json, ~0.7 ms cold).
  const req = (id) => (id.startsWith("./") && id.endsWith(".cjs") ? sibling(path.join(dir, id.slice(2)), module) : module.require(id));
  req.resolve = (id) => Module._resolveFilename(id, module);
  script.runInThisContext().call(module.exports, module.exports, req, module, filename, dir);
  module.loaded = true;
}

function sibling(filename, parent) {
  const cached = Module._cache[filename];
  if (cached) return cached.exports;
  const module = new Module(filename, parent);
  Module._cache[filename] = module;
  try {
    load(module, filename);
  } catch (e) {
    // As Node does for a module that failed to load: forgotten, so a retry loads it afresh.
    delete Module._cache[filename];
    const i = parent.children.indexOf(module);
    if (i !== -1) parent.children.splice(i, 1);
    throw e;
  }
  return module.exports;
}

// Only our own bundles, and only .cjs ones: everything else loads as usual.
const plain = Module._extensions[".js"];
Module._extensions[".cjs"] = (module, filename) => (path.dirname(filename) === dir ? load(module, filename) : plain(module, filename));

if (writing) {
  // The build runs typical commands with this set: the caches then hold the functions they ran.
  process.on("exit", () => {
    for (const { script, name } of scripts.values()) fs.writeFileSync(name, script.createCachedData());
  });
}

require(path.join(dir, "cli.cjs"));
