import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tokencost } from "./spawn.ts";

// Any environment gives a report: colour settings out of range are read as something sensible,
// never as an internal error (chalk has its own opinions about FORCE_COLOR).

describe("FORCE_COLOR and NO_COLOR, any value", () => {
  it.each(["-1", "-5", "0", "1", "3", "4", "99", "abc", "", "true", "false", "1.5", " 2"])("FORCE_COLOR=%j still renders tables", (value) => {
    for (const args of [["models", "--search", "gpt-5.4"], ["compare", "--models", "gpt-5.4,gemini-3.5-flash", "--input", "1000"]]) {
      const r = tokencost([...args, "--at", "2026-11-28"], { env: { NO_COLOR: undefined, FORCE_COLOR: value } });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("gpt-5.4");
      expect(r.stderr).not.toContain("internal error");
    }
  });

  it("NO_COLOR wins over FORCE_COLOR: no escape codes", () => {
    const r = tokencost(["models", "--search", "gpt-5.4", "--at", "2026-11-28"], { env: { NO_COLOR: "1", FORCE_COLOR: "3" } });
    expect(r.stdout).not.toContain("\u001b[");
  });
});

describe("start-up pays only for what the run needs", () => {
  // node:tty (and net and stream behind it) cost ~7 ms of a start: a table that is piped or
  // uncoloured must not load chalk's terminal detection.
  const loadsTty = (env: Record<string, string>) => {
    const probe = join(mkdtempSync(join(tmpdir(), "tokencost-probe-")), "probe.cjs");
    writeFileSync(probe, `process.on("exit", () => require("fs").writeSync(2, "\\nTTY=" + process.moduleLoadList.includes("NativeModule tty")));
      require(${JSON.stringify(`${ROOT}bin/tokencost.js`)});`);
    const r = spawnSync(process.execPath, [probe, "compare", "--models", "gpt-5", "--at", "2026-11-28"], {
      env: { PATH: process.env.PATH, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("gpt-5");
    return /TTY=true/.test(r.stderr);
  };
  it("a piped table loads no terminal module; FORCE_COLOR does (chalk is asked for the level)", () => {
    expect(loadsTty({})).toBe(false);
    expect(loadsTty({ NO_COLOR: "1" })).toBe(false);
    expect(loadsTty({ FORCE_COLOR: "1" })).toBe(true);
  });

  // node:module brings Node's ESM loader and source maps with it (~0.8 ms): the loader and the
  // bundles use the require they have.
  it.each([
    ["compare", "--all"],
    ["estimate", "--model", "gpt-5", "--json"],
  ])("%s %s loads neither node:module nor the ESM loader", (...args) => {
    const probe = join(mkdtempSync(join(tmpdir(), "tokencost-probe-")), "probe.cjs");
    writeFileSync(probe, `const before = new Set(process.moduleLoadList);
      process.on("exit", () => require("fs").writeSync(2, "\\nLOADED=" + process.moduleLoadList.filter((m) => !before.has(m)).join(",")));
      require(${JSON.stringify(`${ROOT}bin/tokencost.js`)});`);
    const r = spawnSync(process.execPath, [probe, ...args, "--at", "2026-11-28"], { env: { PATH: process.env.PATH, NO_COLOR: "1" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(r.status).toBe(0);
    const loaded = /LOADED=(.*)/.exec(r.stderr)![1]!.split(",");
    expect(loaded).toContain("NativeModule vm"); // the probe sees what the run loads
    expect(loaded).not.toContain("NativeModule module");
    expect(loaded.filter((m) => m.includes("esm/loader"))).toEqual([]);
  });

  // A pseudo-terminal from util-linux's script(1), where there is one.
  const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;
  it.skipIf(!hasScript)("on a terminal the table is coloured: the bundle finds node:tty with its own require", () => {
    const cmd = [process.execPath, `${ROOT}bin/tokencost.js`, "estimate", "--model", "gpt-5", "--at", "2026-11-28"].map((a) => `'${a}'`).join(" ");
    const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { env: { PATH: process.env.PATH, TERM: "xterm" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("gpt-5");
    expect(r.stdout).toContain("\u001b[1m"); // bold headings: colour is on
  });
});

describe("the code caches an installed copy starts with", () => {
  // npm does not keep file times: a copy of bin/ and dist/bin/ made now (new mtimes, as an
  // install leaves them) must still find the caches the build made, and a bundle changed after
  // the build must not meet one.
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), "tokencost-installed-"));
    cpSync(`${ROOT}bin`, join(dir, "bin"), { recursive: true });
    cpSync(`${ROOT}dist/bin`, join(dir, "dist", "bin"), { recursive: true });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, "dist", "bin", "cli.cjs"), later, later);
    return dir;
  };
  const run = (dir: string) =>
    spawnSync(process.execPath, [join(dir, "bin", "tokencost.js"), "compare", "--models", "gpt-5.4,gemini-3.5-flash", "--input", "1000", "--at", "2026-11-28"], {
      env: { PATH: process.env.PATH, NO_COLOR: "1", TOKENCOST_CODE_CACHE_REPORT: "1" },
      encoding: "utf8",
    });

  it("are found by content, not by file time", () => {
    const r = run(copy());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("code cache for cli.cjs: used");
    expect(r.stderr).toContain("code cache for renderers.cjs: used");
  });

  it("are not used for a bundle changed since the build", () => {
    const dir = copy();
    const cli = join(dir, "dist", "bin", "cli.cjs");
    const head = '(function (f) { return typeof module === "object" && module !== null ? f.call(module.exports, module.exports, require, module, __filename, __dirname) : f; })(function (exports, require, module, __filename, __dirname) { ';
    writeFileSync(cli, `${head}/* patched */${readFileSync(cli, "utf8").slice(head.length)}`);
    const r = run(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("gpt-5.4");
    expect(r.stderr).toContain("code cache for cli.cjs: none found");
    expect(r.stderr).toContain("code cache for renderers.cjs: used");
  });

  it("are not used for a rebuilt bundle of the same length (the content key, not the length, names them)", () => {
    const dir = copy();
    const cli = join(dir, "dist", "bin", "cli.cjs");
    const text = readFileSync(cli, "utf8");
    const key = /tokencost-cache-key: ([0-9a-f]{16})/.exec(text)![1]!;
    const other = [...key].reverse().join("") === key ? "0123456789abcdef" : [...key].reverse().join("");
    writeFileSync(cli, text.replace(`tokencost-cache-key: ${key}`, `tokencost-cache-key: ${other}`));
    expect(readFileSync(cli, "utf8").length).toBe(text.length);
    const r = run(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("code cache for cli.cjs: none found");
  });

  it("a bundle run as a plain CommonJS module (by Node itself, or by a loader older than the wrapped form) still runs the CLI", () => {
    const dir = copy();
    const r = spawnSync(process.execPath, [join(dir, "dist", "bin", "cli.cjs"), "estimate", "--model", "gpt-5.4", "--input", "1000", "--output", "10", "--json", "--at", "2026-11-28"], {
      env: { PATH: process.env.PATH, NO_COLOR: "1" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).results[0].model).toBe("gpt-5.4");
  });

  it("a bundle as plain CommonJS (as builds before the wrapped form wrote it, key line and all) is wrapped on load", () => {
    const dir = copy();
    const cli = join(dir, "dist", "bin", "cli.cjs");
    const built = readFileSync(cli, "utf8");
    const head = '(function (f) { return typeof module === "object" && module !== null ? f.call(module.exports, module.exports, require, module, __filename, __dirname) : f; })(function (exports, require, module, __filename, __dirname) { ';
    expect(built.startsWith(head)).toBe(true);
    // the loader knows the build's head (else every start would wrap the bundle a second time)
    expect(readFileSync(`${ROOT}bin/load-bundle.cjs`, "utf8")).toContain(`const BUNDLE_HEAD = '${head}';`);
    const keyLine = built.slice(built.lastIndexOf("// tokencost-cache-key:"));
    writeFileSync(cli, `${built.slice(head.length, built.lastIndexOf("\n});\n"))}\n${keyLine}`);
    const r = run(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("gpt-5.4");
    expect(r.stderr).toContain("code cache for cli.cjs: none found");
  });
});
