import { renderCsv } from "./csv.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Paint } from "./paint.ts";
import type { Report } from "./report.ts";
import { renderTable } from "./table.ts";

import type { Format } from "./formats.ts";
import { toJson } from "./json.ts";

export { FORMATS, type Format } from "./formats.ts";

/** Report → text, one pure function per format. */
export function render(report: Report, format: Format, paint?: Paint): string {
  switch (format) {
    case "json":
      return toJson(report);
    case "markdown":
      return renderMarkdown(report);
    case "csv":
      return renderCsv(report);
    case "table":
      return renderTable(report, paint ? { paint } : {});
  }
}
