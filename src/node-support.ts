/**
 * The Node versions backprop runs on: ESM everywhere from 20.19, and `require('backprop')` through
 * Node's require(esm), which is on by default from 20.19 and 22.12 (not in 21). package.json's
 * `engines` says the same (a test checks), and the CLI and the CommonJS entry (require.cjs) refuse
 * older versions in one line.
 */

/** The lowest supported [minor, patch] for each supported major; majors above the last one are supported. */
export const NODE_MINIMUMS: ReadonlyArray<readonly [major: number, minor: number, patch: number]> = [
  [20, 19, 0],
  [22, 12, 0],
];

/** The same rule as a semver range, as package.json's `engines.node` holds it. */
export function nodeEngineRange(): string {
  const parts = NODE_MINIMUMS.map(([major, minor, patch], i) => (i === NODE_MINIMUMS.length - 1 ? `>=${major}.${minor}.${patch}` : `^${major}.${minor}.${patch}`));
  return parts.join(' || ');
}

/** Undefined when `version` (e.g. 'v20.19.1') is supported; else one line saying what is needed. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10));
  const last = NODE_MINIMUMS[NODE_MINIMUMS.length - 1]!;
  const supported =
    major > last[0] ||
    NODE_MINIMUMS.some(([m, mi, p]) => major === m && (minor > mi || (minor === mi && patch >= p)));
  return supported ? undefined : `backprop needs Node ${NODE_MINIMUMS.map(([m, mi, p]) => `${m}.${mi}.${p}`).join(' or ')} and later (this is Node ${version}); please upgrade Node`;
}
