// Every renderer but JSON behind one door: the CLI bundle keeps this module in a file of its
// own (dist/bin/renderers.cjs, see scripts/build.js), loaded when a table, markdown or CSV is
// asked for, so that `--json` runs never parse it. Colour is apart again (colour.ts).
import type { Paint } from "../report/paint.ts";
import { render as renderReport } from "../report/render.ts";
import { renderModelCard as modelCard, renderModelList as modelList } from "../report/models.ts";
import { renderPresets as presets } from "../report/presets.ts";
import { checkMarkdown as checkMd, renderCheck as check } from "../report/check.ts";
import { diffMarkdown as diffMd, renderDiff as diff } from "../report/diff.ts";
import { safeForFormat } from "../report/safe-text.ts";
import { renderUsage as usage } from "../report/usage-render.ts";


// Every renderer sees a report whose text from files is safe for its format.
const safe =
  <R, F extends string>(fn: (report: R, format: F, paint?: Paint) => string) =>
  (report: R, format: F, paint?: Paint): string =>
    fn(safeForFormat(report, format), format, paint);

export const render = safe(renderReport);
export const renderModelCard = safe(modelCard);
export const renderModelList = safe(modelList);
export const renderPresets = safe(presets);
export const renderCheck = safe(check);
export const renderDiff = safe(diff);
export const checkMarkdown: typeof checkMd = (report) => checkMd(safeForFormat(report, "markdown"));
export const diffMarkdown: typeof diffMd = (report) => diffMd(safeForFormat(report, "markdown"));

export const renderUsage = safe(usage);
