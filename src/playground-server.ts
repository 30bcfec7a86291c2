/**
 * A small static server for the built playground (dist-playground/, made by `npm run
 * build-playground`), with the cross-origin isolation headers that wasm threads need.
 * Serves 127.0.0.1 only by default; `backprop playground` calls it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackpropError } from './errors/backprop-error.js';

/** Where the built copy lives: dist-playground/ at the package root (beside src/ and dist/). */
export const PLAYGROUND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist-playground');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Options of `servePlayground`. */
export interface PlaygroundServerOptions {
  /** Port to listen on (default 4173; 0 picks a free one). */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Folder of the built playground (default PLAYGROUND_DIR). */
  readonly dir?: string;
}

/** A running server: its address and a way to stop it. */
export interface PlaygroundServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Serves the built playground; throws if it has not been built. */
export async function servePlayground({ port = 4173, host = '127.0.0.1', dir = PLAYGROUND_DIR }: PlaygroundServerOptions = {}): Promise<PlaygroundServer> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new BackpropError(`no built playground in ${dir} (no index.html there): run "npm run build-playground" first`);
  }
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };
    const path = decodedPath(request.url ?? '/');
    if (path === undefined) {
      // A malformed escape (%E0%A4%A) is the client's mistake: a 400, not a crash of the server.
      response.writeHead(400, { ...headers, 'Content-Type': 'text/plain' }).end('bad request path\n');
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/`,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The request's path with its %-escapes decoded, or undefined when they are malformed. */
function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}
