/**
 * Finds a headless Chromium for the browser tests and launches it through playwright-core.
 * Order: $CHROMIUM_PATH, then a system chromium / google-chrome on PATH, then the build shipped by
 * the devDependency @sparticuz/chromium (unpacked once into the temp folder), so `npm ci && npm test`
 * needs no system browser and no download.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Flags every launch gets: no sandbox (containers run as root), no GPU, no network chatter. */
const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Names of system browsers looked up on PATH, in order. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** A browser executable and the extra flags it needs. */
export interface ChromiumBuild {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Where it was found: 'CHROMIUM_PATH', 'system' or '@sparticuz/chromium'. */
  readonly source: string;
}

/** The first executable called `name` on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

let found: Promise<ChromiumBuild> | undefined;

/** Locates Chromium (once per process); throws one clear line when CHROMIUM_PATH names a missing file. */
export function findChromium(): Promise<ChromiumBuild> {
  found ??= (async () => {
    const fromEnv = process.env.CHROMIUM_PATH;
    if (fromEnv !== undefined && fromEnv !== '') {
      if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
      return { executablePath: fromEnv, args: COMMON_ARGS, source: 'CHROMIUM_PATH' };
    }
    for (const name of SYSTEM_NAMES) {
      const path = onPath(name);
      if (path !== undefined) return { executablePath: path, args: COMMON_ARGS, source: 'system' };
    }
    const shipped = (await import('@sparticuz/chromium')).default;
    shipped.setGraphicsMode = false;
    const executablePath = await shipped.executablePath();
    const args = [...shipped.args, ...COMMON_ARGS.filter((arg) => !shipped.args.includes(arg))];
    return { executablePath, args, source: '@sparticuz/chromium' };
  })();
  return found;
}

/** Options of {@link launchChromium}. */
export interface LaunchOptions {
  /** WebGPU on (`--enable-unsafe-webgpu`, and without `--disable-gpu`, so a software adapter is offered). */
  readonly webgpu?: boolean;
}

/** Launches headless Chromium found by {@link findChromium}. */
export async function launchChromium({ webgpu = false }: LaunchOptions = {}): Promise<Browser> {
  const build = await findChromium();
  const args = webgpu ? [...build.args.filter((arg) => arg !== '--disable-gpu'), '--enable-unsafe-webgpu'] : [...build.args];
  return chromium.launch({ executablePath: build.executablePath, headless: true, args });
}
