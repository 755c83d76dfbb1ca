// Built-in workloads. Each states its assumptions, because an estimate is only as good as the
// token counts behind it; `tokencost presets` prints them beside the numbers.

export interface Preset {
  name: string;
  summary: string;
  assumptions: string[];
  /** The workload, in the same JSON form a user would write. */
  workload: Record<string, unknown>;
}

const researcher = {
  name: "researcher",
  agent: {
    system: 3000,
    turns: 8,
    perTurn: { input: 4000, output: 500, reasoning: 1500, toolSeconds: 4 },
    caching: true,
  },
};

export const PRESETS: readonly Preset[] = [
  {
    name: "chat",
    summary: "a six-turn support conversation, no tools",
    assumptions: [
      "6 turns; 1,200-token system prompt",
      "150 tokens per user message, 350 per reply, no reasoning tokens",
      "the whole conversation is re-sent each turn, with prompt caching: each earlier turn is a cache hit",
    ],
    workload: {
      name: "chat",
      agent: { system: 1200, turns: 6, perTurn: { input: 150, output: 350 }, caching: true },
    },
  },
  {
    name: "rag",
    summary: "one retrieval-augmented answer",
    assumptions: [
      "1,500-token system prompt served from a warm cache",
      "8 retrieved chunks of 750 tokens plus a 100-token question: 6,100 uncached input tokens",
      "a 450-token answer, no reasoning tokens, one call",
    ],
    workload: { name: "rag", cachedInput: 1500, input: 6100, output: 450 },
  },
  {
    name: "coding-agent",
    summary: "a 25-turn tool-using coding agent",
    assumptions: [
      "12,000-token system prompt (instructions and tool definitions)",
      "25 turns; each adds 2,000 tokens of tool results and writes 300 output + 600 reasoning tokens",
      "the context grows every turn and is re-sent; reasoning is not kept in the context",
      "prompt caching on: every earlier turn is a cache hit, new tokens are cache writes where billed",
      "3 s of tool execution per turn",
    ],
    workload: {
      name: "coding-agent",
      agent: {
        system: 12000,
        turns: 25,
        perTurn: { input: 2000, output: 300, reasoning: 600, toolSeconds: 3 },
        caching: true,
      },
    },
  },
  {
    name: "deep-research",
    summary: "plan, four parallel research agents, then a long synthesis",
    assumptions: [
      "plan: 2,000 input → 1,500 output + 4,000 reasoning tokens",
      "4 researchers in parallel, each an 8-turn agent: 3,000-token system prompt, 4,000 tokens of search results per turn, 500 output + 1,500 reasoning per turn, caching on, 4 s of tools per turn",
      "synthesis: 30,000 input → 5,000 output + 6,000 reasoning tokens",
      "time counts the slowest researcher, not the sum",
    ],
    workload: {
      name: "deep-research",
      steps: [
        { name: "plan", input: 2000, output: 1500, reasoning: 4000 },
        { parallel: [researcher, researcher, researcher, researcher] },
        { name: "synthesis", input: 30000, output: 5000, reasoning: 6000 },
      ],
    },
  },
];

export const DEFAULT_PRESET = "coding-agent";

export const findPreset = (name: string): Preset | undefined =>
  PRESETS.find((p) => p.name === name.trim().toLowerCase());
