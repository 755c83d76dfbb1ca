import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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
});
