/**
 * `backprop playground`: serves the built browser playground (dist-playground/) on 127.0.0.1
 * with the cross-origin isolation headers that wasm threads need, until interrupted.
 */
import type { Command } from 'commander';
import { servePlayground } from '../../playground-server.js';
import type { CliIo } from '../io.js';
import { parseFlag } from '../numeric-flags.js';

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
      const served = await servePlayground({ port, host: flags.host, ...(flags.dir === undefined ? {} : { dir: flags.dir }) });
      io.stdout.write(`playground on ${served.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => served.server.once('close', () => resolve()));
    });
}
