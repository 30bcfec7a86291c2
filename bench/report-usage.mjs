// Preloaded into the CLI by bench/cli-e2e.ts (node --import): at exit, one stderr line with the
// process's peak resident set size, so the bench needs no /usr/bin/time.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nBENCH_USAGE ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
