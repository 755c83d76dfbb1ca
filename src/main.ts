import { Command, CommanderError } from "commander";
import { checkCommand } from "./commands/check.ts";
import { compareCommand } from "./commands/compare.ts";
import { diffCommand } from "./commands/diff.ts";
import { estimateCommand } from "./commands/estimate.ts";
import type { Io, Outcome } from "./commands/io.ts";
import { modelsCommand } from "./commands/models.ts";
import { presetsCommand } from "./commands/presets.ts";
import { pricingCommand } from "./commands/pricing.ts";
import { usageCommand } from "./commands/usage.ts";
import { isTokencostError } from "./errors.ts";
import { printable } from "./text.ts";
import { VERSION } from "./version.ts";

// Exit codes (SPEC §6): 0 success · 1 a budget was exceeded · 2 bad input or usage ·
// 70 a bug (anything that is not a TokencostError).
export const EXIT = { OK: 0, BUDGET: 1, INPUT: 2, BUG: 70 } as const;

const COMMANDS: Record<string, (program: Command, io: Io, outcome: Outcome) => void> = {
  estimate: estimateCommand,
  compare: compareCommand,
  models: modelsCommand,
  presets: presetsCommand,
  check: checkCommand,
  diff: diffCommand,
  usage: usageCommand,
  pricing: pricingCommand,
};

/**
 * The program. Given the command the user asked for, only that command is declared: a run
 * pays for building its own flags, not every command's. Without one (help, a typo) all are,
 * so that help lists them and a typo gets its suggestion.
 */
export function buildProgram(io: Io, outcome: Outcome = { code: EXIT.OK }, only?: string): Command {
  const program = new Command("tokencost")
    .description("What will your LLM agent cost, and how long will it take? Per run, per month, on every model.")
    .version(VERSION, "-v, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`tokencost: ${withPrefixSuggestion(s.replace(/^error: /, ""), program)}`),
    });
  const declare = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const name of declare) COMMANDS[name]!(program, io, outcome);
  return program;
}

/**
 * commander suggests by edit distance, which misses a known flag with words added
 * (`--input-tokens` for `--input`): the longest known flag the unknown one starts with is the
 * likelier meaning.
 */
function withPrefixSuggestion(message: string, program: Command): string {
  const unknown = /^unknown option '(--[^'=]+)'/.exec(message)?.[1];
  if (!unknown || message.includes("Did you mean")) return message;
  const flags = [program, ...program.commands].flatMap((c) => c.options.map((o) => o.long)).filter((f): f is string => Boolean(f));
  const best = flags.filter((f) => unknown.startsWith(`${f}-`)).sort((a, b) => b.length - a.length)[0];
  return best ? `${message.trimEnd()}\n(Did you mean ${best}?)\n` : message;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const outcome: Outcome = { code: EXIT.OK };
  const program = buildProgram(io, outcome, argv[0]);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return outcome.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message; help and version are successes.
      return e.exitCode === 0 ? EXIT.OK : EXIT.INPUT;
    }
    if (isTokencostError(e)) {
      io.stderr.write(`tokencost: ${printable(e.message)}${e.hint ? ` (${e.hint})` : ""}\n`);
      if (io.env.TOKENCOST_DEBUG === "1" && e.stack) io.stderr.write(`${e.stack}\n`);
      return EXIT.INPUT;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    if (io.env.TOKENCOST_DEBUG === "1") io.stderr.write(`${err.stack ?? err.message}\n`);
    else io.stderr.write(`tokencost: internal error: ${err.message} (set TOKENCOST_DEBUG=1 for details, and please report it)\n`);
    return EXIT.BUG;
  }
}
