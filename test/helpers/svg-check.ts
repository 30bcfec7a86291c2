/**
 * A small XML well-formedness check for the SVG strings the plot module writes: one root element, every tag
 * closed in order, attributes quoted and unique, only the five predefined or numeric entities, no stray '<'.
 * Returns the element names in document order so tests can count bars, cells and points.
 */
import assert from 'node:assert/strict';

export interface ParsedSvg {
  /** Every element in document order with its attributes. */
  readonly elements: { name: string; attributes: Record<string, string> }[];
  /** All character data, entities decoded, joined with spaces, runs of white space collapsed to one. */
  readonly text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: string): string {
  const stripped = raw.replace(ENTITY, '');
  assert.ok(!stripped.includes('&'), `bare '&' in ${where}: ${raw.slice(0, 80)}`);
  assert.ok(!stripped.includes('<'), `bare '<' in ${where}`);
  return raw.replace(ENTITY, (e) =>
    e === '&amp;' ? '&' : e === '&lt;' ? '<' : e === '&gt;' ? '>' : e === '&quot;' ? '"' : e === '&apos;' ? "'" : String.fromCodePoint(Number(e.startsWith('&#x') ? `0x${e.slice(3, -1)}` : e.slice(2, -1))),
  );
}

/** Asserts that `svg` is well-formed XML with an `<svg>` root; returns its elements and text. */
export function parseSvg(svg: string): ParsedSvg {
  const elements: ParsedSvg['elements'] = [];
  const texts: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const chunk = svg.slice(i, lt === -1 ? svg.length : lt);
    if (chunk.trim() !== '') {
      assert.ok(stack.length > 0, `text outside the root: ${chunk.slice(0, 40)}`);
      texts.push(decode(chunk, 'text'));
    }
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    assert.ok(m !== null, `malformed tag at ${lt}: ${svg.slice(lt, lt + 60)}`);
    const [whole, closing, name, attrText, selfClosing] = m;
    if (closing === '/') {
      assert.equal(stack.pop(), name, `closing </${name}> does not match`);
    } else {
      if (stack.length === 0) roots++;
      const attributes: Record<string, string> = {};
      for (const a of attrText!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        assert.ok(!(a[1]! in attributes), `duplicate attribute ${a[1]} on <${name}>`);
        attributes[a[1]!] = decode(a[2] ?? a[3] ?? '', `attribute ${a[1]}`);
      }
      elements.push({ name: name!, attributes });
      if (selfClosing !== '/') stack.push(name!);
    }
    i = lt + whole.length;
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'exactly one root element');
  assert.equal(elements[0]?.name, 'svg', 'the root is <svg>');
  return { elements, text: texts.join(' ').replace(/\s+/g, ' ') };
}

/** Number of elements named `name`, optionally only those whose attributes pass `where`. */
export function count(parsed: ParsedSvg, name: string, where: (attributes: Record<string, string>) => boolean = () => true): number {
  return parsed.elements.filter((e) => e.name === name && where(e.attributes)).length;
}
