import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from './automaton.js';

/** Every occurrence of every pattern, case-folded, found the slow way. */
function naive(patterns: readonly string[], text: string): [number, number][] {
  const found: [number, number][] = [];
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  patterns.forEach((p, pi) => {
    const lp = p.toLowerCase();
    for (let i = lower.indexOf(lp); i >= 0; i = lower.indexOf(lp, i + 1)) found.push([pi, i]);
  });
  return found;
}

function scanned(a: Automaton, text: string): [number, number][] {
  const found: [number, number][] = [];
  a.scan(text, (p, start) => found.push([p, start]));
  return found;
}

const sorted = (xs: [number, number][]) => [...xs].sort((x, y) => x[1] - y[1] || x[0] - y[0]);

describe('Automaton', () => {
  it('finds overlapping and nested patterns, ignoring ASCII case', () => {
    const a = new Automaton(['he', 'she', 'his', 'hers', 'AKIA']);
    expect(sorted(scanned(a, 'uSHErs akia his'))).toEqual([
      [1, 1],
      [0, 2],
      [3, 2],
      [4, 7],
      [2, 12],
    ]);
  });

  it('reports exactly the occurrences a naive search finds', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'c', '_', 'é');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.uniqueArray(
          word.filter((w) => !w.includes('é')),
          { minLength: 1, maxLength: 12 },
        ),
        fc.string({ unit: alphabet, maxLength: 60 }),
        (patterns, text) => {
          expect(sorted(scanned(new Automaton(patterns), text))).toEqual(
            sorted(naive(patterns, text)),
          );
        },
      ),
    );
  });
});
