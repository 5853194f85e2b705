import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Recorder } from '../testing/recorder.js';

type Actor = 'tool' | 'shell' | 'human';
interface Op {
  actor: Actor;
  kind: string;
  at: number;
  n: number;
  to: number;
}
const opArb: fc.Arbitrary<Op> = fc.record({
  actor: fc.constantFrom<Actor>('tool', 'tool', 'shell', 'human'),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'move'),
  at: fc.nat(),
  n: fc.integer({ min: 1, max: 3 }),
  to: fc.nat(),
});
/** A script: turns of operations, with human operations between turns. */
const scriptArb = fc.record({
  initial: fc.integer({ min: 0, max: 6 }),
  turns: fc.array(
    fc.record({
      inside: fc.array(opArb, { maxLength: 4 }),
      between: fc.array(opArb, { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

describe('blame over recorded sessions', () => {
  it('names the step that last changed every line, for random agent and human edits', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, async ({ initial, turns }) => {
        let lines = Array.from({ length: initial }, (_, i) => ({
          text: `init-${i}\n`,
          who: 'before',
        }));
        const text = () => lines.map((l) => l.text).join('');
        const r = await Recorder.open({ 'f.txt': text() });
        try {
          const s = r.session('prop');
          let step = 0;
          const apply = (o: Op, who: string) => {
            const at = lines.length === 0 ? 0 : o.at % (lines.length + 1);
            const fresh = Array.from({ length: o.n }, (_, j) => ({
              text: `step${step}-${j}\n`,
              who,
            }));
            if (o.kind === 'insert' || lines.length === 0) lines.splice(at, 0, ...fresh);
            else if (o.kind === 'delete') lines.splice(at, o.n);
            else if (o.kind === 'replace') lines.splice(at, o.n, ...fresh);
            else {
              const block = lines.splice(at, o.n);
              lines.splice(o.to % (lines.length + 1), 0, ...block);
            }
          };
          turns.forEach((t, k) => {
            const prompt = k + 1;
            s.prompt(`turn ${prompt}`);
            for (const o of t.inside) {
              step++;
              if (o.actor === 'tool') {
                const mark = `pending-${step}`;
                apply(o, mark);
                const id = s.edit('f.txt', text());
                lines = lines.map((l) => (l.who === mark ? { ...l, who: `tool:${id}` } : l));
              } else {
                apply(o, `turn:${prompt}`);
                s.shell('sed -i …', () => r.write('f.txt', text()));
              }
            }
            s.end();
            for (const o of t.between) {
              step++;
              apply(o, 'human');
              r.write('f.txt', text());
            }
          });
          await r.flush();
          const b = r.blame('f.txt');
          expect(b.lines.map((l) => l.text + '\n')).toEqual(lines.map((l) => l.text));
          const got = b.lines.map((l) =>
            l.origin.kind === 'tool'
              ? `tool:${l.origin.toolCallId}`
              : l.origin.kind === 'turn'
                ? `turn:${l.origin.prompt}`
                : l.origin.kind,
          );
          expect(got).toEqual(lines.map((l) => l.who));
        } finally {
          await r.dispose();
        }
      }),
      { numRuns: 25 },
    );
    // real stores and git repositories per run: ~9 s alone, much more on a loaded CI machine
  }, 180_000);
});
