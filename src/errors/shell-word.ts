/**
 * A word for a command line in a message, so a suggested flag can be copied into a shell as it
 * is: `--ignore 'Customer Name'`, `tr -d '\000' < 'my data.csv'`. Plain words stay bare.
 */

/** `text` as one POSIX shell word: bare when it holds only safe characters, else in single quotes. */
export function shellWord(text: string): string {
  return /^[\w.,:/@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
