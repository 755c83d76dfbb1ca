import { describe, expect, it } from "vitest";
import { closest, likelyTypo, MAX_COMPARED } from "../src/suggest.ts";

const IDS = ["o3", "glm-5", "gpt-5", "gpt-5-mini", "claude-sonnet-4-5", "claude-sonnet-4-6", "claude-sonnet-5", "claude-opus-4-7"];
const KEYS = ["input", "cachedInput", "cacheWrite", "output", "reasoning", "requests"];

describe("closest", () => {
  it("puts the ids that contain a short name first", () => {
    // "sonnet" is 6 edits from "o3" and 9 from "claude-sonnet-5", but only the sonnets contain
    // it: the shortest of them first, then the two of 17 characters in text order.
    expect(closest("sonnet", IDS)).toEqual(["claude-sonnet-5", "claude-sonnet-4-5", "claude-sonnet-4-6"]);
  });

  it("then goes by edit distance", () => {
    // No id contains "gpt5"; gpt-5 is one insertion away, glm-5 three edits.
    expect(closest("gpt5", IDS)[0]).toBe("gpt-5");
    expect(closest("inptu", KEYS, 1)).toEqual(["input"]); // one transposition
  });

  it("matches a name past the limit by its start only", () => {
    // 14 shared characters ("claude-sonnet-") with each sonnet, none with the rest.
    const huge = `claude-sonnet-${"x".repeat(1_000_000)}`;
    expect(closest(huge, IDS)).toEqual(["claude-sonnet-5", "claude-sonnet-4-5", "claude-sonnet-4-6"]);
    // Just past the limit: "gpt-5" and "gpt-5-mini" share 5 characters; the shorter first.
    expect(closest(`gpt-5${"x".repeat(MAX_COMPARED)}`, IDS, 2)).toEqual(["gpt-5", "gpt-5-mini"]);
    // By distance claude-sonnet-4-5 would win (all 17 of its characters line up with the
    // repeats, against 2 of o3's); by its start, "o3…" is o3, the only id beginning with "o".
    expect(closest(`o3${"claude-sonnet-4-5".repeat(20)}`, IDS, 1)).toEqual(["o3"]);
  });

  it("compares a huge candidate by its start", () => {
    expect(closest("abc", ["a".repeat(1_000_000), "abd"], 1)).toEqual(["abd"]);
  });
});

describe("likelyTypo", () => {
  it.each<[string, string | undefined]>([
    ["inptu", "input"], // one transposition
    ["ouput", "output"], // one deletion
    ["put", "input"], // contained, and 2 edits (limit max(2, ⌊5/3⌋) = 2)
    ["budget", undefined], // 5+ edits from every key
  ])("%s → %s", (key, typo) => {
    expect(likelyTypo(key, KEYS)).toBe(typo);
  });

  it("is no typo when a key is megabytes long", () => {
    expect(likelyTypo(`input${"y".repeat(1_000_000)}`, KEYS)).toBeUndefined();
  });
});
