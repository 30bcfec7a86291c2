/** Runs `runCli` in this process with captured streams: fast enough for hundreds of flag cases. */
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

/** What one in-process run printed and returned. */
export interface InProcessOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs `backprop ...args` in-process (no colour; no terminal unless `interactive`, which turns progress output on). */
export async function runInProcess(args: readonly string[], { interactive = false }: { interactive?: boolean } = {}): Promise<InProcessOutcome> {
  const out = sink();
  const err = sink();
  const code = await runCli(args, { stdout: out.stream, stderr: err.stream, interactive, color: false });
  return { code, stdout: out.text(), stderr: err.text() };
}
