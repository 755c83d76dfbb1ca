import { daysBetween } from "../dates.ts";
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

/** The release date as far as it is known ("2026-07", "2026-07-18"), when it is after `at`. */
function releasedAfter(model: Model, at: string): string | undefined {
  const release = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(model.releaseDate ?? "")?.[0];
  return release && at.slice(0, release.length) < release ? release : undefined;
}

export function lifecycleNotices(model: Model, at: string): Warning[] {
  const release = releasedAfter(model, at);
  const early = release
    ? [warning("NOT_YET_RELEASED", `${model.id} was released ${release.length === 10 ? "on" : "in"} ${release}: on ${at} it was not yet on sale (priced at its first known rates)`, model.id)]
    : [];
  return [...early, ...statusNotices(model, at)];
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
