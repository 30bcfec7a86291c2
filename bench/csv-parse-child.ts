/** Child process of bench/csv-parse.ts: reads one CSV file with readCsvFile and prints {seconds, peakRssBytes, baseRssBytes} as JSON. */
import { readCsvFile } from '../src/data/files.js';

const path = process.argv[2]!;
const base = process.memoryUsage().rss;
const start = performance.now();
const data = await readCsvFile(path);
const seconds = (performance.now() - start) / 1000;
const rows = 'rows' in data.inputs ? data.inputs.rows : 0;
console.log(JSON.stringify({ seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, baseRssBytes: base, rows }));
