/** The README's generated CLI sessions (scripts/readme-sessions.ts) equal a fresh run, timings excepted. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { maskTimings, readmeSession, runSession, SESSION_FILES, SESSIONS } from '../scripts/readme-sessions.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

for (const [name, commands] of Object.entries(SESSIONS)) {
  test(`README session "${name}" is what the commands print (regenerate: scripts/readme-sessions.ts --write)`, () => {
    const shown = readmeSession(readme, name);
    assert.ok(shown !== undefined, `README.md has no <!-- session: ${name} --> block`);
    assert.equal(maskTimings(shown), maskTimings(runSession(commands, SESSION_FILES[name])));
  });
}
