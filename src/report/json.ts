/** `--json`: the report object itself, serialized the one way every command uses. */
export const toJson = (report: unknown): string => `${JSON.stringify(report, null, 2)}\n`;
