// Calendar days as YYYY-MM-DD strings in UTC: they compare as text and never drift with time zones.
// Arithmetic on days is done on whole numbers — days since 1970-01-01 in the proleptic Gregorian
// calendar, as Date counts them — not through Date.parse: a comparison works out ~100 lifecycle
// and price-change dates at every start, and a parse, its regular expression and a Date object
// each cost more than the arithmetic.

// Not toISOString: its first call in a process costs ~1 ms, a fifth of a report's own work.
const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** YYYY-MM-DD, or ±YYYYYY-MM-DD outside years 0–9999, as toISOString writes the date. */
const dayText = (y: number, m: number, d: number): string => {
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : `${y < 0 ? "-" : "+"}${pad(Math.abs(y), 6)}`;
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
};

export const isoDay = (date: Date): string => {
  const y = date.getUTCFullYear();
  if (!Number.isFinite(y)) throw new RangeError("Invalid time value");
  return dayText(y, date.getUTCMonth() + 1, date.getUTCDate());
};

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The whole number written in `text` at [from, from + n), or −1 where a character is not a digit (or missing). */
export function digits(text: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = text.charCodeAt(i) - 48; // NaN past the end
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Whether "MM-DD" after `year` in `text` (its dashes at from + 4 and from + 7) makes a real day:
 * from = 0 for YYYY-MM-DD, 3 for the six-digit year form ±YYYYYY-MM-DD.
 */
function realDay(text: string, year: number, from: number): boolean {
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return false;
  const m = digits(text, from + 5, 2);
  const d = digits(text, from + 8, 2);
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(year) ? 29 : MONTH_DAYS[m - 1]!);
}

/** A real day of the calendar written as YYYY-MM-DD (years 0000–9999). */
export function isIsoDay(text: string): boolean {
  const y = digits(text, 0, 4);
  return text.length === 10 && y >= 0 && realDay(text, y, 0);
}

// Days from civil and back: Howard Hinnant's algorithms (chrono-Compatible Low-Level Date
// Algorithms), in eras of 400 years that start on March 1st.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return dayText(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d);
}

/**
 * Days since 1970-01-01 of a real day as isoDay writes it (YYYY-MM-DD, or ±YYYYYY-MM-DD for a
 * log's far-off timestamp); NaN for anything else (Date.parse rolled an impossible day over and
 * read partial dates; every caller passes days it has checked).
 */
function dayNumber(day: string): number {
  const sign = day.charCodeAt(0);
  let year: number;
  let from = 0;
  if (day.length === 13 && (sign === 43 || sign === 45)) {
    // ±YYYYYY-MM-DD: a six-digit year ("-000000" is not one), its month and day 3 further on.
    const y = digits(day, 1, 6);
    if (y < 0 || (sign === 45 && y === 0)) return Number.NaN;
    year = sign === 45 ? -y : y;
    from = 3;
  } else if (day.length === 10) {
    year = digits(day, 0, 4);
    if (year < 0) return Number.NaN;
  } else return Number.NaN;
  return realDay(day, year, from) ? daysFromCivil(year, digits(day, from + 5, 2), digits(day, from + 8, 2)) : Number.NaN;
}

export const addDays = (day: string, n: number): string => {
  // The day that holds the instant n days on, as Date gave for a fractional n.
  const days = Math.floor(dayNumber(day) + n);
  // Date's range, ±10^8 days from 1970: beyond it (or from no day at all) there is no date.
  if (!(Math.abs(days) <= 1e8)) throw new RangeError("Invalid time value");
  return civilFromDays(days);
};

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
