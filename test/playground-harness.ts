/**
 * End-to-end harness for the playground: builds it with Vite into a temporary folder, serves it
 * with `servePlayground` (COOP/COEP headers) on 127.0.0.1, and drives headless Chromium through
 * playwright-core (found by helpers/chromium.ts: CHROMIUM_PATH, a system browser, or @sparticuz/chromium).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { servePlayground, type PlaygroundServer } from '../src/playground-server.js';
import { launchChromium } from './helpers/chromium.js';

/** A built, served playground and a browser to look at it with. */
export interface Harness {
  readonly url: string;
  readonly browser: Browser;
  readonly dir: string;
  close(): Promise<void>;
}

/** Builds, serves and launches (with WebGPU on a software adapter when `webgpu`); call `close()` when done. */
export async function startHarness({ webgpu = false }: { webgpu?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-playground-'));
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { encoding: 'utf8' });
  assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
  const server: PlaygroundServer = await servePlayground({ port: 0, dir });
  const browser = await launchChromium({ webgpu });
  return {
    url: server.url,
    browser,
    dir,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new page (fresh context) that records console errors and uncaught exceptions in `errors`. */
export async function openPage(harness: Harness, hash = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await harness.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${harness.url}${hash}`);
  return { page, errors };
}

/** Polls `check` every 200 ms until it returns a value other than undefined, or fails after `seconds`. */
export async function waitFor<T>(what: string, seconds: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The number shown in an element, or undefined while it shows none. */
export async function numberIn(page: Page, selector: string): Promise<number | undefined> {
  const text = (await page.textContent(selector)) ?? '';
  const value = Number.parseFloat(text.replace(/[,%]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}
