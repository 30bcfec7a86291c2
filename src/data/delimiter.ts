/**
 * Delimiter detection from the first records of a table: the candidate (`,` `;` tab `|`) that
 * splits every record, header included, into the same number of fields. Only delimiters outside
 * double-quoted cells count, and a quoted cell may run over several lines (one record).
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

/**
 * Excel's delimiter line: a first line `sep=;` (any one character; a byte order mark before it,
 * quotes around it, as some exports write) says which delimiter the table below uses. Returns
 * that delimiter and the line's length with its line end, or undefined when `text` does not start so.
 */
export function excelSeparatorLine(text: string): { readonly delimiter: string; readonly length: number } | undefined {
  const match = /^\uFEFF?"?sep=([^\r\n"])"?[ \t]*(\r\n|\n|\r)/i.exec(text);
  return match === null ? undefined : { delimiter: match[1]!, length: match[0].length };
}

/** The note for a `sep=X` line that was read as the delimiter. */
export function excelSeparatorNote(delimiter: string): string {
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return `the first line "sep=${delimiter}" is Excel's delimiter line: read ${name} as the delimiter and skipped the line`;
}

/** Detects the delimiter from `sample` (the start of the text; a cut-off last line is ignored unless it is the end). */
export function detectDelimiter(sample: string, { comment = '', complete = false }: { comment?: string; complete?: boolean } = {}): DelimiterGuess {
  const lines = sampleLines(sample, comment, complete);
  if (lines.length === 0) return { delimiter: ',' };
  let fitting = fittingDelimiters(lines);
  // None fits: a first line one field apart from all the others (a trailing delimiter on one side, R's row names) is no reason for a note.
  if (fitting.length === 0) fitting = fittingDelimiters(lines, true);
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

/**
 * The candidates whose count (of delimiters outside quotes in a line) is the same, and above 0, in
 * every line; with `firstOneOff`, in every line but the first, which may have one more or one fewer.
 */
function fittingDelimiters(lines: readonly string[], firstOneOff = false): { delimiter: string; fields: number }[] {
  const fitting: { delimiter: string; fields: number }[] = [];
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const rest = firstOneOff ? counts[1] : counts[0];
    if (rest === undefined || rest <= 0 || !counts.slice(1).every((n) => n === rest)) continue;
    if (firstOneOff ? Math.abs(counts[0]! - rest) === 1 : counts[0] === rest) fitting.push({ delimiter, fields: rest + 1 });
  }
  return fitting;
}

/**
 * The first SAMPLE_LINES records of `sample` (not blank, not comments; lines end at '\n', '\r\n' or a lone '\r'), each as its text: a line
 * break inside double quotes belongs to the record, so a quoted cell over several lines is one
 * record. The last record is dropped when it may be cut off (`complete` false, or open quotes).
 */
function sampleLines(sample: string, comment: string, complete: boolean): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  const take = (end: number): void => {
    const record = sample.slice(start, end);
    start = end + 1;
    if (record.trim() === '' || (comment !== '' && record.startsWith(comment))) return;
    lines.push(record);
  };
  for (let i = 0; i < sample.length && lines.length < SAMPLE_LINES; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) take(i); // '\r\n' leaves a blank record, skipped
  }
  if (complete && !quoted && start < sample.length && lines.length < SAMPLE_LINES) take(sample.length);
  return lines;
}

/** Occurrences of `delimiter` outside double quotes in one record (`""` inside quotes toggles twice: still inside). */
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
