import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRedactConfig } from '../config.js';
import { resolveOptions } from '../options.js';
import { buildDetectors } from '../scanner.js';
import { Trigger } from './trigger.js';

const detectors = buildDetectors(resolveOptions(parseRedactConfig({}, 'test')));
const anchors = detectors.flatMap((d) => [...(d.anchors ?? []), ...(d.anchorsIgnoringCase ?? [])]);

/** What a scan said, copied (a Trigger reuses its buffers). */
function result(t: Trigger, text: string): { active: number[]; hits: number[] } {
  const r = t.scan(text);
  return { active: [...r.active], hits: [...r.hits] };
}

describe('Trigger', () => {
  it('says the same of a short text whether it looks for each anchor or runs the automaton', () => {
    // the second trigger is made to build its automaton by a long text first
    const short = new Trigger(detectors);
    const long = new Trigger(detectors);
    long.scan('x'.repeat(1000));
    const piece = fc.oneof(
      fc.constantFrom(...anchors),
      fc.constantFrom(...anchors).map((a) => a.toUpperCase()),
      // an anchor overlapping itself (AKIAKIA holds AKIA twice)
      fc
        .constantFrom(...anchors)
        .chain((a) => fc.integer({ min: 1, max: a.length - 1 }).map((k) => a + a.slice(k))),
      fc.string({ maxLength: 6 }),
      fc.constantFrom(' ', '=', ':', '"', '\n', 'İ', 'ß'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const text = parts.join('').slice(0, 256);
        expect(result(short, text)).toEqual(result(long, text));
      }),
      { numRuns: 400 },
    );
  });
});
