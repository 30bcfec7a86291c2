/** Every .ts file below `dir`, recursively (for tests that read the sources as text). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? typeScriptFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}
