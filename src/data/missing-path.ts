/**
 * What to say when a data path does not exist: a URL is named as one (backprop reads local files),
 * a near miss in the same folder is offered (`D.csv` for `d.csv`), and a missing folder is named.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { closestName } from '../errors/closest-name.js';

/** The folder entries worth comparing with (a huge folder is not listed whole). */
const MAX_ENTRIES = 5000;

/** The reason a data path cannot be opened, for `DataFormatError({ file: path }, reason)`. */
export function missingPathReason(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    return `is a URL; backprop reads local files: download it first (curl -LO ${path}) and give the file's name`;
  }
  const folder = dirname(path);
  let entries: string[];
  try {
    if (!statSync(folder).isDirectory()) return `no such file (${folder} is not a directory)`;
    entries = readdirSync(folder).slice(0, MAX_ENTRIES);
  } catch {
    return `no such file or directory (the folder ${folder} does not exist${unexpandedTilde(folder)})`;
  }
  const guess = nearMiss(basename(path), entries);
  return guess === undefined ? 'no such file or directory' : `no such file or directory; did you mean ${JSON.stringify(folder === '.' && !path.startsWith('./') ? guess : join(folder, guess))}?`;
}

/**
 * For a missing folder whose name starts with `~` (`"~/data"`, `--save '~/m.json'`): the shell
 * expands `~` only unquoted, at the start of a word, so the program got it literally. The words
 * to append to "the folder X does not exist", or "" for any other folder.
 */
export function unexpandedTilde(folder: string): string {
  return /^~[^/\\]*([/\\]|$)/.test(folder) ? ': the shell expands ~ only when it is not quoted; write $HOME instead' : '';
}

/** A file in the working folder that a bare name (no extension) probably meant: `data` for data.csv. */
export function withCsvExtension(name: string): string | undefined {
  for (const candidate of [`${name}.csv`, `${name}.tsv`, `${name}.txt`, `${name}.csv.gz`]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** The entry that `name` most likely meant: the same name in another case first, else the closest by edit distance. */
function nearMiss(name: string, entries: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return entries.find((e) => e.toLowerCase() === lower) ?? closestName(name, entries.filter((e) => e !== name));
}
