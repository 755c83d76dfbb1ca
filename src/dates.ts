// Calendar days as YYYY-MM-DD strings in UTC: they compare as text and never drift with time zones.

const DAY_MS = 86_400_000;

const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = toMs(text);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => isoDay(new Date(toMs(day) + n * DAY_MS));

export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY_MS);
