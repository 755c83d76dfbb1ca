import type { Decimal } from "../decimal.ts";
import type { Overflow } from "./agent.ts";
import type { Bill } from "./bill.ts";
import type { Scaling } from "./scaling.ts";
import type { Time } from "./time.ts";
import { groupDigits } from "../text.ts";
import { warning, type Warning } from "../warnings.ts";

// The fourth seam: what a reader of the numbers must know, each said once.

/** What a model priced at its off-peak rate costs the run at peak hours. */
export interface Peak {
  model: string;
  multiplier: number;
  usd: Decimal;
}

export interface NoticeInputs {
  /** Warnings already raised: unknown rates (bill), efforts and lifecycle (targets). */
  raised: readonly Warning[];
  bill: Bill;
  time: Time;
  serviceTier: string;
  scalings: readonly Scaling[];
  overflow: (Overflow & { path: string }) | undefined;
  /** Where the high end of the scaling band would not fit, though the estimate does. */
  bandOverflow: (Overflow & { path: string }) | undefined;
  /** The high end of the band scales a count past 2^53−1. */
  bandUncountable: boolean;
  peaks: readonly Peak[];
}

export function notices(x: NoticeInputs): Warning[] {
  // Indexed loops and forEach: this runs once per model of a comparison, mostly cold, and each
  // for…of would make an iterator and a result object per step.
  const out: Warning[] = x.bill.warnings.concat(x.raised);
  for (let i = 0; i < x.scalings.length; i++) {
    const said = scalingNotices(x.scalings[i]!, x.bill);
    if (said) out.push(said);
  }
  x.time.unknownSpeed.forEach((id) => out.push(warning("SPEED_UNKNOWN", `${id}: no output-speed figure, so the time is unknown`, id)));
  // Batch requests have no time to first token to speak of: the time is not estimated at all.
  if (x.serviceTier !== "batch") {
    x.time.missingTtft.forEach((id) => out.push(warning("TTFT_UNKNOWN", `${id}: time to first token unknown; counted as 0 s`, id)));
  }
  if (x.bill.cost.total.isZero() && Object.values(x.bill.tokens).every((n) => n === 0n)) {
    out.push(warning("NO_TOKENS", "the workload has no tokens: its cost is $0 by construction"));
  }
  if (x.serviceTier === "batch") {
    out.push(warning("BATCH_LATENCY", "batch requests complete asynchronously (within 24 h): time per run is not estimated"));
  }
  for (let i = 0; i < x.peaks.length; i++) {
    const p = x.peaks[i]!;
    const usd = `$${p.usd.round(6).toString()}`;
    out.push({
      ...warning("PEAK_HOURS", `${p.model}: priced at its off-peak rates; at peak hours the run costs ${usd} (×${p.multiplier}; --tier peak prices it)`, p.model),
      detail: `${usd} at peak`,
    });
  }
  if (x.bandUncountable) out.push(warning("NO_BAND", "the high end of this estimate's token range scales a count past 2^53−1 tokens: no range is given"));
  if (x.overflow) out.push(warning("CONTEXT", describeOverflow(x.overflow), x.overflow.model));
  else if (x.bandOverflow) {
    out.push(warning("BAND_CONTEXT", `at the high end of its token range, ${describeOverflow(x.bandOverflow)}`, x.bandOverflow.model));
  }
  return dedupe(out);
}

const named = (m: { model: string; effort: string | null }) => `${m.model}${m.effort ? `@${m.effort}` : ""}`;

function scalingNotices(s: Scaling, bill: Bill): Warning | undefined {
  const id = s.candidate.model;
  switch (s.kind) {
    case "same-tokens": {
      const reasoning = bill.lines.filter((l) => l.model === id && l.cls === "reasoning").reduce((n, l) => n + l.tokens, 0n);
      if (reasoning === 0n || !s.spendsNoReasoning) return undefined;
      const why = s.candidate.effort === "none" ? "at effort none spends no reasoning" : "does not reason";
      return warning("REASONING_KEPT", `${id} ${why}, but --same-tokens bills it ${groupDigits(reasoning)} reasoning tokens per run`, id);
    }
    case "no-common": {
      const ref = named(s.reference!);
      // Nothing was measured where the tokens were: no model can scale, which is one fact, not one per model.
      if (!s.referenceMeasured) {
        return warning(
          "REFERENCE_UNMEASURED",
          `${ref} has no token measurements, so tokens measured there cannot be scaled: their output is priced as given (\`tokencost models show ${s.reference!.model}\` lists its measurements, if any)`,
        );
      }
      const input = s.point.input.num === s.point.input.den ? "" : " (input still scaled by the tokenizer factor)";
      return warning("NO_COMMON_MEASUREMENT", `${id}: no token measurement in common with ${ref}: output priced as measured there${input}`, id);
    }
    default:
      return undefined;
  }
}

export function describeOverflow(o: Overflow & { path: string }): string {
  const what = o.kind === "context" ? "context window" : o.kind === "input" ? "input limit" : "output limit";
  const at = o.path === "(top level)" ? "" : ` (${o.path})`;
  return `${o.model}: turn ${o.turn}${at} needs ${groupDigits(o.size)} tokens, over its ${groupDigits(o.limit)}-token ${what}`;
}

function dedupe(ws: Warning[]): Warning[] {
  if (ws.length < 2) return ws;
  const seen = new Set<string>();
  return ws.filter((w) => (seen.has(w.message) ? false : (seen.add(w.message), true)));
}
