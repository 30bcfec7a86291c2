/**
 * Download-and-cache: fetches a file over HTTP(S) into a cache directory, resuming a
 * partial `.part` file with a Range request, following redirects, verifying a checksum,
 * and failing with one clear line when the network is unreachable.
 */
import { BackpropError } from '../errors/backprop-error.js';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { makeFolderSync } from './make-folder.js';

/** A remote file and how to recognise a good copy. */
export interface RemoteFile {
  readonly url: string;
  /** Name in the cache directory. */
  readonly fileName: string;
  /** Accepted MD5s of the downloaded bytes (hex). */
  readonly md5?: readonly string[];
  /** SHA-256 of the downloaded bytes (hex). */
  readonly sha256?: string;
  /** SHA-256 of the gunzipped content (hex): survives recompression by mirrors such as Debian. */
  readonly contentSha256?: string;
}

/** A download failure (network, HTTP status or checksum), with a one-line message. */
export class DownloadError extends BackpropError {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

export { defaultCacheDir } from './cache-dir.js';

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** Options of `downloadFile`. */
export interface DownloadOptions {
  /** Called as bytes arrive: bytes on disk so far and the total (undefined when unknown). */
  readonly onProgress?: (received: number, total: number | undefined) => void;
  /** Socket inactivity limit in milliseconds (default 30,000). */
  readonly timeoutMs?: number;
}

/**
 * Downloads `file` to `destination` unless a verified copy is already there. Bytes go to
 * `destination.part` first; a later call resumes it. Returns `destination`.
 */
export async function downloadFile(file: RemoteFile, destination: string, options: DownloadOptions = {}): Promise<string> {
  if (await exists(destination)) {
    if ((await checksumProblem(file, destination)) === undefined) return destination;
    await rm(destination);
  }
  makeFolderSync(dirname(destination));
  const part = `${destination}.part`;
  await fetchInto(file.url, part, options, 0);
  const problem = await checksumProblem(file, part);
  if (problem !== undefined) {
    await rm(part, { force: true });
    throw new DownloadError(`${file.url}: ${problem}; the bad copy was deleted, run again to retry`);
  }
  await rename(part, destination);
  return destination;
}

async function fetchInto(url: string, part: string, options: DownloadOptions, redirects: number): Promise<void> {
  const have = (await exists(part)) ? (await stat(part)).size : 0;
  const response = await request(url, have, options.timeoutMs ?? 30_000, part);
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location !== undefined) {
    response.resume();
    if (redirects >= 5) throw new DownloadError(`${url}: too many redirects`);
    return fetchInto(new URL(response.headers.location, url).toString(), part, options, redirects + 1);
  }
  if (status === 416 && have > 0) {
    response.resume();
    return; // the part file is already whole; the checksum decides
  }
  if (status !== 200 && status !== 206) {
    response.resume();
    throw new DownloadError(`${url}: HTTP ${status} ${response.statusMessage ?? ''}`.trim());
  }
  const resuming = status === 206 && contentRangeStart(response) === have;
  const length = Number(response.headers['content-length']);
  const total = Number.isFinite(length) ? length + (resuming ? have : 0) : undefined;
  let received = resuming ? have : 0;
  const out = createWriteStream(part, { flags: resuming ? 'a' : 'w' });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error): void => {
      out.destroy();
      reject(networkError(url, error, part));
    };
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      options.onProgress?.(received, total);
    });
    response.on('error', fail);
    response.on('aborted', () => fail(Object.assign(new Error('connection closed early'), { code: 'ECONNRESET' })));
    out.on('error', reject);
    out.on('finish', () => resolve());
    response.pipe(out);
  });
  if (total !== undefined && received < total) {
    throw new DownloadError(`${url}: connection closed after ${received} of ${total} bytes; run again to resume from ${part}`);
  }
}

function request(url: string, from: number, timeoutMs: number, part: string): Promise<IncomingMessage> {
  const headers: Record<string, string> = { 'user-agent': 'backprop' };
  if (from > 0) headers['range'] = `bytes=${from}-`;
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, timeout: timeoutMs }, resolve);
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(networkError(url, error, part)));
  });
}

function networkError(url: string, error: Error, part: string): DownloadError {
  const code = (error as { code?: string }).code;
  const offline = code !== undefined && OFFLINE_CODES.has(code);
  const hint = offline ? ' (offline, or the host is unreachable)' : '';
  return new DownloadError(`cannot download ${url}: ${code ?? error.message}${hint}; partial data, if any, is kept in ${part} and the next run resumes it`);
}

function contentRangeStart(response: IncomingMessage): number | undefined {
  const match = /^bytes (\d+)-/.exec(response.headers['content-range'] ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** A description of the checksum that fails for the file at `path`, or undefined when all declared ones pass. */
async function checksumProblem(file: RemoteFile, path: string): Promise<string | undefined> {
  if (file.md5 !== undefined || file.sha256 !== undefined) {
    const [md5, sha256] = await Promise.all([hashFile(path, 'md5', false), hashFile(path, 'sha256', false)]);
    if (file.md5 !== undefined && !file.md5.includes(md5)) return `MD5 ${md5} is not the expected ${file.md5.join(' or ')}`;
    if (file.sha256 !== undefined && file.sha256 !== sha256) return `SHA-256 ${sha256} is not the expected ${file.sha256}`;
  }
  if (file.contentSha256 !== undefined) {
    const sha256 = await hashFile(path, 'sha256', true).catch((error: Error) => `unreadable gzip (${error.message})`);
    if (sha256 !== file.contentSha256) return `content SHA-256 ${sha256} is not the expected ${file.contentSha256}`;
  }
  return undefined;
}

/** Hex digest of a file (of its gunzipped content when `gunzip`), streamed. */
export function hashFile(path: string, algorithm: 'md5' | 'sha256', gunzip: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash(algorithm);
    const input = createReadStream(path);
    const stream = gunzip ? input.pipe(createGunzip()) : input;
    input.on('error', reject);
    stream.on('error', reject);
    stream.on('data', (chunk: Buffer) => hash.update(chunk));
    stream.on('end', () => resolve(hash.digest('hex')));
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
