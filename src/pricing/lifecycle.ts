import { daysBetween, digits } from "../dates.ts";
import { warning, type Warning } from "../warnings.ts";
import type { Model } from "./registry.ts";
import type { ModelStatus } from "./schema.ts";

/**
 * A model's status on a given day, not just today: a deprecated model is retired once its
 * shutdown date has passed — unless the registry schedules what its requests bill at after
 * that (Gemini 2.5 auto-routes to a successor) — and a retired model was still served before
 * its date.
 */
export function statusAt(model: Model, at: string): ModelStatus {
  const date = model.deprecationDate;
  if (model.status === "retired") return date && at < date ? "deprecated" : "retired";
  if (model.status === "deprecated" && date && date <= at) {
    const billedAfter = (model.scheduledPrices ?? []).some((s) => s.from >= date && s.from <= at);
    return billedAfter ? "deprecated" : "retired";
  }
  return model.status;
}

/**
 * How much of a release date is a date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" at its start (the
 * field is free text), as a length; 0 when it does not start with a year. By hand, not a
 * regular expression: every model of a comparison asks, cold.
 */
export function releasePrefixLength(text: string): number {
  if (digits(text, 0, 4) < 0) return 0;
  if (text[4] !== "-" || digits(text, 5, 2) < 0) return 4;
  if (text[7] !== "-" || digits(text, 8, 2) < 0) return 7;
  return 10;
}

/** The release date as far as it is known ("2026-07", "2026-07-18"), when it is after `at`. */
function releasedAfter(model: Model, at: string): string | undefined {
  const text = model.releaseDate;
  if (!text) return undefined;
  const n = releasePrefixLength(text);
  if (n === 0) return undefined;
  const release = text.slice(0, n);
  return at.slice(0, n) < release ? release : undefined;
}

export function lifecycleNotices(model: Model, at: string): Warning[] {
  const release = releasedAfter(model, at);
  const status = statusNotices(model, at);
  if (!release) return status;
  return [
    warning("NOT_YET_RELEASED", `${model.id} was released ${release.length === 10 ? "on" : "in"} ${release}: on ${at} it was not yet on sale (priced at its first known rates)`, model.id),
    ...status,
  ];
}

function statusNotices(model: Model, at: string): Warning[] {
  const replacement = model.replacement ? `; replacement: ${model.replacement}` : "";
  const date = model.deprecationDate;
  switch (statusAt(model, at)) {
    case "deprecated":
      if (!date) return [warning("DEPRECATED", `${model.id} is deprecated (no shutdown date announced)${replacement}`, model.id)];
      if (date > at) return [{ ...warning("DEPRECATED", `${model.id} is deprecated: shuts down on ${date} (in ${daysBetween(at, date)} days)${replacement}`, model.id), detail: `shuts down ${date}` }];
      return [warning("DEPRECATED", `${model.id} shut down on ${date}; its requests now bill at the rates scheduled from then${replacement}`, model.id)];
    case "retired":
      return [warning("RETIRED", `${model.id} was retired${date ? ` on ${date}` : ""} and no longer serves requests${replacement}`, model.id)];
    case "preview":
      return [warning("PREVIEW", `${model.id} is a preview model: its prices and limits may change`, model.id)];
    default:
      return [];
  }
}
