/**
 * Where the downloadable data sets live upstream, and `downloadDataset`, which fetches one
 * into `<cacheDir>/<name>/` (default cache: ~/.cache/backprop) and verifies each file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultCacheDir, downloadFile, DownloadError } from './download.js';
import type { DownloadOptions, RemoteFile } from './download.js';
import { UsageError } from '../errors/usage-error.js';

/** Names of the data sets that can be downloaded. */
export type RemoteDatasetName = 'mnist' | 'fashion-mnist' | 'california-housing';

const MNIST_URL = 'https://ossci-datasets.s3.amazonaws.com/mnist/';
const FASHION_URL = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

function files(base: string, list: readonly [string, Omit<RemoteFile, 'url' | 'fileName'>][]): RemoteFile[] {
  return list.map(([fileName, sums]) => ({ url: base + fileName, fileName, ...sums }));
}

/**
 * Upstream files. MNIST: MD5s as published by torchvision. Fashion-MNIST: Zalando's MD5s, or
 * the SHA-256 of the decompressed bytes (what Debian's recompressed copies also match).
 * California housing: the tarball scikit-learn fetches (its SHA-256).
 */
export const REMOTE_DATASETS: Readonly<Record<RemoteDatasetName, readonly RemoteFile[]>> = {
  mnist: files(MNIST_URL, [
    ['train-images-idx3-ubyte.gz', { md5: ['f68b3c2dcbeaaa9fbdd348bbdeb94873'] }],
    ['train-labels-idx1-ubyte.gz', { md5: ['d53e105ee54ea40749a09fcbcd1e9432'] }],
    ['t10k-images-idx3-ubyte.gz', { md5: ['9fb629c4189551a2d022fa330f9573f3'] }],
    ['t10k-labels-idx1-ubyte.gz', { md5: ['ec29112dd5afa0611ce80d1b7f02629c'] }],
  ]),
  'fashion-mnist': files(FASHION_URL, [
    ['train-images-idx3-ubyte.gz', { contentSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888' }],
    ['train-labels-idx1-ubyte.gz', { contentSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9' }],
    ['t10k-images-idx3-ubyte.gz', { contentSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b' }],
    ['t10k-labels-idx1-ubyte.gz', { contentSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34' }],
  ]),
  'california-housing': [
    {
      url: 'https://ndownloader.figshare.com/files/5976036',
      fileName: 'cal_housing.tgz',
      sha256: 'aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681',
    },
  ],
};

/** Options of `downloadDataset`. */
export interface DownloadDatasetOptions extends DownloadOptions {
  /** Cache root (default ~/.cache/backprop). */
  readonly cacheDir?: string;
  /** Replaces each file's upstream directory, e.g. a mirror or a local test server: url = baseUrl + file name. */
  readonly baseUrl?: string;
}

/** Downloads (or finds cached) every file of a data set; returns its directory `<cacheDir>/<name>`. */
export async function downloadDataset(name: RemoteDatasetName, options: DownloadDatasetOptions = {}): Promise<string> {
  const list = REMOTE_DATASETS[name];
  if (list === undefined) throw new DownloadError(`no download source for data set "${String(name)}" (known: ${Object.keys(REMOTE_DATASETS).join(', ')})`);
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, 'baseUrl');
  const dir = join(options.cacheDir ?? defaultCacheDir(), name);
  for (const file of list) {
    const url = options.baseUrl === undefined ? file.url : new URL(file.fileName, withSlash(options.baseUrl)).toString();
    await downloadFile({ ...file, url }, join(dir, file.fileName), options);
  }
  if (name === 'california-housing') await extractHousing(dir);
  return dir;
}

/** Throws a UsageError naming `what` (the option or flag) unless `text` is an http:// or https:// address. */
export function checkBaseUrl(text: string, what: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`${what} ${JSON.stringify(text)} is not an http:// or https:// address; give the folder of a mirror holding the data set's files, e.g. https://example.org/mnist/`);
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Extracts `cal_housing.data` from the downloaded tarball (ustar, gzipped). */
async function extractHousing(dir: string): Promise<void> {
  const tarball = join(dir, 'cal_housing.tgz');
  const entry = tarEntry(gunzipSync(await readFile(tarball)), 'cal_housing.data');
  if (entry === undefined) throw new DownloadError(`${tarball}: no cal_housing.data inside`);
  await writeFile(join(dir, 'cal_housing.data'), entry);
}

/** The bytes of the first regular file in a tar archive whose path ends with `suffix`. */
export function tarEntry(tar: Uint8Array, suffix: string): Uint8Array | undefined {
  const text = new TextDecoder();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const field = (start: number, length: number): string => text.decode(header.subarray(start, start + length)).replace(/\0.*$/s, '');
    const name = field(345, 155) === '' ? field(0, 100) : `${field(345, 155)}/${field(0, 100)}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const body = offset + 512;
    if ((type === '0' || type === '') && name.endsWith(suffix)) return tar.slice(body, body + size);
    offset = body + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
