/**
 * Child process of bench/csv-parse.ts: reads one CSV file with readCsvFile and prints {seconds,
 * peakRssBytes, baseRssBytes} as JSON. The peak is this process's own high-water mark (Linux
 * /proc/self/status VmHWM): getrusage's maxRSS keeps the parent's resident size from the fork
 * across exec, so a child of a large bench process reported the parent's size as its peak.
 */
import { readFileSync } from 'node:fs';
import { readCsvFile } from '../src/data/files.js';

/** Peak resident bytes of this process's memory since exec (maxRSS where /proc is absent). */
function peakRssBytes(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb !== undefined) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

const path = process.argv[2]!;
const base = process.memoryUsage().rss;
const start = performance.now();
const data = await readCsvFile(path);
const seconds = (performance.now() - start) / 1000;
const rows = 'rows' in data.inputs ? data.inputs.rows : 0;
console.log(JSON.stringify({ seconds, peakRssBytes: peakRssBytes(), baseRssBytes: base, rows }));
