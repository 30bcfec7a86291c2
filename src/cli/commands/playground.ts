/**
 * `backprop playground`: serves the built browser playground (dist-playground/) on 127.0.0.1
 * with the cross-origin isolation headers that wasm threads need, until interrupted. A port in
 * use, a host that is not this machine's (an empty one: program.ts), or a --dir without index.html is one line naming the flag.
 */
import type { Command } from 'commander';
import { servePlayground } from '../../playground-server.js';
import type { CliIo } from '../io.js';
import { parseFlag } from '../numeric-flags.js';
import { UsageError } from '../errors.js';
import { BackpropError } from '../../errors/backprop-error.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A failure to listen as one line naming the flag to change; other errors unchanged. */
function listenProblem(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const other = port === 65535 ? 4173 : port + 1;
  if (code === 'EADDRINUSE') return new BackpropError(`port ${port} on ${host} is in use (another playground or server?); choose another with --port, e.g. --port ${other}, or --port 0 for any free one`);
  if (code === 'EACCES') return new BackpropError(`no permission to listen on port ${port} on ${host} (ports below 1024 need privileges); choose another with --port, e.g. --port 4173`);
  if (code === 'EADDRNOTAVAIL') return new UsageError(`--host ${host}: not an address of this machine; give one of its interfaces, e.g. 127.0.0.1`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new UsageError(`--host ${host}: unknown host name; give an interface of this machine, e.g. 127.0.0.1 or localhost`);
  return error;
}

/** Adds `playground` to the program. */
export function registerPlayground(program: Command, io: CliIo): void {
  program
    .command('playground')
    .description('serve the playground built into the package (dist-playground/) on 127.0.0.1')
    .option('--port <port>', 'port to listen on', '4173')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--dir <path>', 'folder of the built playground (default: dist-playground/ of this package)')
    .action(async (flags: { port: string; host: string; dir?: string }) => {
      const port = flags.port === '0' ? 0 : parseFlag('--port', flags.port);
      if (flags.dir !== undefined && !existsSync(join(flags.dir, 'index.html'))) throw new UsageError(`--dir ${flags.dir}: no index.html there; give the folder "npm run build-playground" writes (dist-playground/)`);
      const served = await servePlayground({ port, host: flags.host, ...(flags.dir === undefined ? {} : { dir: flags.dir }) }).catch((error: unknown) => {
        throw listenProblem(error, port, flags.host);
      });
      io.stdout.write(`playground on ${served.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => served.server.once('close', () => resolve()));
    });
}
