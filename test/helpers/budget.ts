/** Test helper: runs code under a given memory budget (errors/limits.ts), restoring the previous one. */
import { setMemoryBudget } from '../../src/errors/limits.js';

/** Runs `body` with the memory budget set to `bytes`, restoring the previous one. */
export function withBudget<T>(bytes: number, body: () => T): T {
  const previous = setMemoryBudget(bytes);
  try {
    return body();
  } finally {
    setMemoryBudget(previous);
  }
}
