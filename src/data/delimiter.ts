/**
 * Delimiter detection from the first lines of a table: the candidate (`,` `;` tab `|`) that
 * splits every line, header included, into the same number of fields (quotes respected).
 */

/** The delimiters detection chooses from, in order of preference when several fit. */
export const DELIMITER_CANDIDATES: readonly string[] = [',', ';', '\t', '|'];

/** Lines looked at. */
const SAMPLE_LINES = 20;

/** The detected delimiter; `note` says why the choice was not clear-cut, in one line. */
export interface DelimiterGuess {
  readonly delimiter: string;
  readonly note?: string;
}

/** Detects the delimiter from `sample` (the start of the text; a cut-off last line is ignored unless it is the end). */
export function detectDelimiter(sample: string, { comment = '#', complete = false }: { comment?: string; complete?: boolean } = {}): DelimiterGuess {
  const lines = sampleLines(sample, comment, complete);
  if (lines.length === 0) return { delimiter: ',' };
  const fitting: { delimiter: string; fields: number }[] = [];
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    if (counts[0]! > 0 && counts.every((n) => n === counts[0])) fitting.push({ delimiter, fields: counts[0]! + 1 });
  }
  const name = (d: string) => (d === '\t' ? 'tab' : `"${d}"`);
  if (fitting.length === 1) return { delimiter: fitting[0]!.delimiter };
  if (fitting.length > 1) {
    const chosen = fitting[0]!;
    const others = fitting.slice(1).map((f) => name(f.delimiter)).join(', ');
    return { delimiter: chosen.delimiter, note: `the delimiter is ambiguous: ${name(chosen.delimiter)} and ${others} each split the first ${lines.length} lines evenly; reading ${name(chosen.delimiter)} (${chosen.fields} fields; --delimiter chooses)` };
  }
  const present = DELIMITER_CANDIDATES.filter((d) => countOutsideQuotes(lines[0]!, d) > 0);
  if (present.length === 0) return { delimiter: ',' };
  const best = present[0]!;
  return { delimiter: best, note: `the delimiter is unclear: no candidate splits the first ${lines.length} lines evenly; reading ${name(best)} (--delimiter chooses)` };
}

function sampleLines(sample: string, comment: string, complete: boolean): string[] {
  const all = sample.split(/\r?\n/);
  if (!complete) all.pop();
  const lines: string[] = [];
  for (const line of all) {
    if (line.trim() === '' || (comment !== '' && line.startsWith(comment))) continue;
    lines.push(line);
    if (lines.length === SAMPLE_LINES) break;
  }
  return lines;
}

/** Occurrences of `delimiter` outside double quotes (a line break inside quotes is not followed). */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) count++;
  }
  return count;
}
