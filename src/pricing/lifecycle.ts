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

export function lifecycleNotices(model: Model, at: string): Warning[] {
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
