import { describe, expect, it } from "vitest";
import { tokencost } from "./spawn.ts";

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
