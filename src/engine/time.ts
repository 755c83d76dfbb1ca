/** The speed a model's calls run at (by effort, where measured). */
export interface Speed {
  outputTokensPerSecond: number | null;
  timeToFirstTokenSeconds: number | null;
}

// Wall time (SPEC §3): a call takes TTFT + (output + reasoning) / tokens-per-second + tool time;
// sequential steps add, parallel branches take the longest, repeat multiplies. Seconds are
// floats: unlike money, nothing about them needs to be exact.

export interface Time {
  ttft: number;
  generation: number;
  tools: number;
  /** Models without an output speed: the total is unknown, never zero. */
  unknownSpeed: ReadonlySet<string>;
  /** Models whose TTFT is unknown and counted as 0. */
  missingTtft: ReadonlySet<string>;
}

// Times are made per call and per step of every estimate; most name no model, so they share
// one empty set, and a union copies only when both sides name some.
const NONE: ReadonlySet<string> = new Set();
const union = (a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> =>
  a === b || b.size === 0 ? a : a.size === 0 ? b : new Set([...a, ...b]);

// A set naming one model, made once per id (sets here are never changed, only united): the
// ~70 models a comparison finds without a speed or a TTFT would otherwise each make one per call.
const SINGLE = new Map<string, ReadonlySet<string>>();
const only = (id: string): ReadonlySet<string> => {
  let set = SINGLE.get(id);
  if (set === undefined) {
    set = new Set([id]);
    if (SINGLE.size < 4096) SINGLE.set(id, set);
  }
  return set;
};

export const zeroTime = (): Time => ({ ttft: 0, generation: 0, tools: 0, unknownSpeed: NONE, missingTtft: NONE });

export const totalSeconds = (t: Time): number | null =>
  t.unknownSpeed.size > 0 ? null : t.ttft + t.generation + t.tools;

/** `calls` calls of model `id`, each generating `generated` tokens after its TTFT, plus `toolSeconds` each. */
export function callsTime(id: string, speed: Speed, calls: bigint, generated: bigint, toolSeconds: number): Time {
  const t = zeroTime();
  const n = Number(calls);
  const tps = speed.outputTokensPerSecond;
  const ttft = speed.timeToFirstTokenSeconds;
  if (tps === null) t.unknownSpeed = only(id);
  else t.generation = (Number(generated) / tps) * n;
  if (ttft === null) {
    if (tps !== null) t.missingTtft = only(id);
  } else t.ttft = ttft * n;
  t.tools = toolSeconds * n;
  return t;
}

export function addTime(a: Time, b: Time): Time {
  return {
    ttft: a.ttft + b.ttft,
    generation: a.generation + b.generation,
    tools: a.tools + b.tools,
    unknownSpeed: union(a.unknownSpeed, b.unknownSpeed),
    missingTtft: union(a.missingTtft, b.missingTtft),
  };
}

export function scaleTime(t: Time, n: number): Time {
  return { ...t, ttft: t.ttft * n, generation: t.generation * n, tools: t.tools * n };
}

/** Branches run at once: the run waits for the longest; unknown if any branch is. */
export function longestTime(branches: readonly Time[]): Time {
  let longest = branches[0] ?? zeroTime();
  const sum = (t: Time) => t.ttft + t.generation + t.tools;
  for (const b of branches) if (sum(b) > sum(longest)) longest = b;
  return {
    ...longest,
    unknownSpeed: branches.reduce((s, b) => union(s, b.unknownSpeed), NONE),
    missingTtft: branches.reduce((s, b) => union(s, b.missingTtft), NONE),
  };
}
