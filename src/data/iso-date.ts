/**
 * ISO 8601 dates and times as exports write them ("2024-01-03", "2024-01-03 10:30",
 * a month "2024-01" as its first day,
 * "2024-01-03T10:30:00.5Z", "2024-01-03T10:30:00+02:00") as one number: days since 1970-01-01
 * 00:00 UTC, fractional with a time. A time without a zone is read as UTC, so a file reads the
 * same on every machine (Date.parse would read it in the machine's zone). Other date formats
 * (12/07/2006: day or month first?) are not read here: which they mean is not in the cell.
 */

/** The ISO forms read (also written into standalone modules, which read dates as this file does). */
export const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** Milliseconds in a day. */
const DAY = 86_400_000;

/** Days since 1970-01-01 UTC of an ISO date or date-time (a real calendar date, hours below 24), else undefined. */
export function isoDateDays(text: string): number | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3] ?? '1', m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2023-02-30 over to March: a day that does not exist is no date.
  if (new Date(date).getUTCDate() !== day) return undefined;
  const zone = m[8];
  const offset = zone === undefined || zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const ms = date + ((hour * 60 + minute - offset) * 60 + second) * 1000 + (m[7] === undefined ? 0 : Number(m[7]) * 1000);
  return ms / DAY;
}
