/**
 * Ctrl-C (SIGINT) or SIGTERM while a finished training writes its files. During training a
 * signal ends the process at once (exit 130 / 143) and nothing is on disk yet: the model is
 * saved and the run folder made only afterwards. Those writes take a moment (the pictures most),
 * and a signal then would leave a temporary model file and a hidden `.NAME.partial-*` folder;
 * so while they run a first signal is held: one line says what is being finished, the writes
 * complete, then the process ends by that same signal (the shell still sees 130 / 143). A second
 * signal stops at once.
 */

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `write` with SIGINT and SIGTERM held as above; `what` names what it writes ("m.json and
 * the run folder runs/x"), `out` gets the line. When the program has its own listeners for the
 * signal, they run as ever and the process is not ended here.
 */
export async function withSignalsHeld<T>(what: string, write: () => Promise<T>, out: NodeJS.WritableStream = process.stderr): Promise<T> {
  let caught: NodeJS.Signals | undefined;
  const release = () => {
    for (const signal of SIGNALS) process.off(signal, hold);
  };
  const endBy = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  function hold(signal: NodeJS.Signals): void {
    if (caught !== undefined) {
      release();
      endBy(signal);
      return;
    }
    caught = signal;
    const again = signal === 'SIGINT' ? 'Ctrl-C again stops at once' : 'a second SIGTERM stops at once';
    out.write(`backprop: ${signal === 'SIGINT' ? 'interrupted (SIGINT)' : 'SIGTERM'} while writing ${what}: finishing that first, then stopping (${again})\n`);
  }
  for (const signal of SIGNALS) process.on(signal, hold);
  try {
    return await write();
  } finally {
    release();
    if (caught !== undefined) endBy(caught);
  }
}
