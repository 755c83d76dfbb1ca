import { basename, join } from "node:path";
import { TokencostError } from "../errors.ts";
import { isDirectory, listDirectory, readTextFile } from "../read.ts";
import type { WorkloadInfo } from "../report/report.ts";
import { workloadInfo } from "../report/report.ts";
import { closest } from "../suggest.ts";
import { warning, type Warning } from "../warnings.ts";
import { DEFAULT_PRESET, findPreset, PRESETS, type Preset } from "../workload/presets.ts";
import { reviveWorkloads } from "../workload/serialize.ts";
import type { Workload } from "../workload/types.ts";
import type { Io } from "./io.ts";
import { TOKEN_FLAGS, type WorkloadFlags } from "./options.ts";
import { quote } from "../text.ts";

export interface LoadedWorkload {
  workload: Workload;
  info: WorkloadInfo;
  notices: Warning[];
}

/**
 * Where the workload comes from: a file argument (`-` = stdin), --preset or token flags — one
 * of them; with none, piped stdin (empty is an error); with nothing piped, the coding-agent
 * preset, said aloud.
 */
export async function loadWorkload(arg: string | undefined, flags: WorkloadFlags, io: Io): Promise<LoadedWorkload> {
  const tokenFlags = TOKEN_FLAGS.filter((f) => flags[f] !== undefined).map(flagName);
  const sources = [
    arg !== undefined && "a workload file",
    flags.preset !== undefined && "--preset",
    tokenFlags.length > 0 && tokenFlags.join(" "),
  ].filter(Boolean);
  if (sources.length > 1) {
    throw new TokencostError("USAGE", `give the workload one way: ${sources.join(" and ")} both describe it`);
  }

  let loaded: Loaded;
  if (arg === "-") {
    loaded = await fromDash(io);
  } else if (arg !== undefined) {
    loaded = await fromFile(arg);
  } else if (flags.preset !== undefined) {
    loaded = await fromPreset(flags.preset, []);
  } else if (tokenFlags.length > 0) {
    const { parseWorkload } = await import("../validators.ts");
    const workload = parseWorkload(fromFlags(flags), { label: "flags", defaultName: "custom" });
    loaded = { workload, notices: [], base: { name: workload.name, source: "flags" } };
  } else {
    // Piped stdin is read only when nothing else names the workload: a run inside
    // `while read …; do tokencost … --preset rag; done < list` must not swallow the loop's input,
    // nor wait on a pipe that stays open.
    loaded =
      (await fromPipe(io)) ??
      (await fromPreset(DEFAULT_PRESET, [
        warning("PRESET", `no workload given: using the built-in ${DEFAULT_PRESET} preset (see \`tokencost presets\`)`),
      ]));
  }

  return finish(loaded, flags);
}

type Loaded = Omit<LoadedWorkload, "info"> & { base: { name: string; source: string; path?: string } };

/** --runs / --per and --tier / --batch override the workload's own. */
function finish(loaded: Loaded, flags: Pick<WorkloadFlags, "runs" | "per" | "tier" | "batch">): LoadedWorkload {
  const { workload } = loaded;
  if (flags.runs !== undefined) workload.runs = { count: flags.runs, per: flags.per ?? "month" };
  else if (flags.per !== undefined) throw new TokencostError("USAGE", "--per needs --runs");
  if (flags.batch && flags.tier !== undefined && flags.tier !== "batch") {
    throw new TokencostError("USAGE", `--batch contradicts --tier ${flags.tier}`);
  }
  const tier = flags.tier ?? (flags.batch ? "batch" : undefined);
  if (tier !== undefined) workload.serviceTier = tier;
  const base = workload.description ? { ...loaded.base, description: workload.description } : loaded.base;
  return { workload, notices: loaded.notices, info: workloadInfo(base, workload.runs, workload.serviceTier) };
}

/** A workload named on the command line, read and validated when called. */
export type WorkloadSource = () => Promise<LoadedWorkload>;

/**
 * Several workloads (`check`, `diff`): files, directories (every *.json in them, in name order), `-`
 * for stdin; with no argument, a workload piped on stdin. Arguments are resolved here (a directory
 * with no workloads fails before any work); each file is read when its turn comes, so that a run
 * over many large files holds one at a time.
 */
export function workloadSources(args: readonly string[], flags: Pick<WorkloadFlags, "runs" | "per">, io: Io): WorkloadSource[] {
  if (args.length === 0) {
    const piped = async () => {
      const loaded = await fromPipe(io);
      if (!loaded) throw new TokencostError("USAGE", "no workload: give workload files or directories, or pipe one on stdin");
      return finish(loaded, flags);
    };
    return [piped];
  }
  const file = (path: string): WorkloadSource => async () => finish(await fromFile(path), flags);
  return args.flatMap((arg): WorkloadSource[] => {
    if (arg === "-") return [async () => finish(await fromDash(io), flags)];
    if (!isDirectory(arg)) return [file(arg)];
    const files = listDirectory(arg).filter((f) => f.toLowerCase().endsWith(".json")).sort();
    if (files.length === 0) throw new TokencostError("USAGE", `${arg}: no *.json workloads in this directory`);
    return files.map((f) => file(join(arg, f)));
  });
}


/** `-`: the workload is on stdin, and stdin must have it. */
async function fromDash(io: Io): Promise<Loaded> {
  const text = await io.readStdin();
  if (text.trim() === "") throw new TokencostError("FILE", "stdin: `-` reads the workload from stdin, but stdin is empty");
  return fromStdinText(text);
}

/**
 * The workload piped on stdin; undefined when nothing is piped (a terminal, /dev/null). A pipe
 * that carries nothing is an error, as an empty file is: `echo "$EMPTY" | tokencost …` pricing a
 * preset would answer a question nobody asked.
 */
async function fromPipe(io: Io): Promise<Loaded | undefined> {
  if (!io.stdinPiped) return undefined;
  const text = await io.readStdin();
  if (text.trim() === "") {
    throw new TokencostError("WORKLOAD", "empty workload on stdin (with no file, --preset or token flags, piped stdin is the workload)");
  }
  return fromStdinText(text);
}

/** A workload file; its text is read only once the validator is loaded, and handed on, not kept. */
async function fromFile(path: string): Promise<Loaded> {
  const { parseWorkloadText } = await import("../validators.ts");
  const workload = parseWorkloadText(readTextFile(path, "workload"), { label: path, defaultName: basename(path).replace(/\.json$/i, "") });
  return { workload, notices: [], base: { name: workload.name, source: "file", path } };
}

async function fromStdinText(text: string): Promise<Loaded> {
  const { parseWorkloadText } = await import("../validators.ts");
  const workload = parseWorkloadText(text, { label: "stdin", defaultName: "stdin" });
  return { workload, notices: [], base: { name: workload.name, source: "stdin" } };
}

async function fromPreset(name: string, notices: Warning[]): Promise<Loaded> {
  const preset = findPreset(name);
  if (!preset) {
    throw new TokencostError(
      "USAGE",
      `unknown preset ${quote(name)} — did you mean ${closest(name, PRESETS.map((p) => p.name), 1)[0]}? (presets: ${PRESETS.map((p) => p.name).join(", ")})`,
    );
  }
  return { workload: await presetWorkload(preset), notices, base: { name: preset.name, source: "preset" } };
}

// The CLI bundle carries the presets parsed at build time (scripts/build.js); elsewhere they
// are parsed here.
declare const __TOKENCOST_PRESETS__: string | undefined;

async function presetWorkload(preset: Preset) {
  if (typeof __TOKENCOST_PRESETS__ === "string") {
    const parsed = reviveWorkloads(__TOKENCOST_PRESETS__)[preset.name];
    if (parsed) return parsed;
  }
  const { parseWorkload } = await import("../validators.ts");
  return parseWorkload(preset.workload, { label: `preset ${preset.name}`, defaultName: preset.name });
}

function fromFlags(f: WorkloadFlags): Record<string, unknown> {
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  if (f.turns !== undefined) {
    const misplaced = (["cached", "cacheWrite", "requests"] as const).filter((k) => f[k] !== undefined);
    if (misplaced.length) {
      throw new TokencostError("USAGE", `${misplaced.map(flagName).join(", ")} describe a single call; with --turns, caching is --caching / --hit-rate`);
    }
    const caching = f.caching || f.hitRate !== undefined || f.warmSystem || f.cacheTtl !== undefined;
    return {
      agent: defined({
        system: f.system,
        turns: f.turns,
        perTurn: defined({ input: f.input, output: f.output, reasoning: f.reasoning, toolSeconds: f.toolSeconds }),
        caching: caching ? defined({ hitRate: f.hitRate, warmSystem: f.warmSystem, ttl: f.cacheTtl }) : false,
        keepReasoning: f.keepReasoning,
      }),
    };
  }
  const agentOnly = (["system", "caching", "hitRate", "warmSystem", "keepReasoning"] as const).filter((k) => f[k] !== undefined);
  if (agentOnly.length) throw new TokencostError("USAGE", `${agentOnly.map(flagName).join(", ")} need --turns (they describe an agent loop)`);
  return defined({
    input: f.input,
    cachedInput: f.cached,
    cacheWrite: f.cacheWrite,
    output: f.output,
    reasoning: f.reasoning,
    requests: f.requests,
    toolSeconds: f.toolSeconds,
    cacheTtl: f.cacheTtl,
  });
}

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
