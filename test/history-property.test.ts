import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaudeSession } from './history-claude.js';
import { git, tempDir, trailJson } from './helpers.js';

type Actor = 'write' | 'edit' | 'shell' | 'human';
interface Op {
  actor: Actor;
  kind: 'insert' | 'delete' | 'replace' | 'move';
  at: number;
  n: number;
  to: number;
}
const opArb: fc.Arbitrary<Op> = fc.record({
  actor: fc.constantFrom<Actor>('write', 'edit', 'shell', 'human'),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'move'),
  at: fc.nat(),
  n: fc.integer({ min: 1, max: 3 }),
  to: fc.nat(),
});
const scriptArb = fc.record({
  initial: fc.integer({ min: 1, max: 5 }),
  turns: fc.array(
    fc.record({
      inside: fc.array(opArb, { maxLength: 3 }),
      between: fc.array(opArb, { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

describe('blame through the real hook', () => {
  it('names the step that last changed every line, for random agent and human edits', () => {
    fc.assert(
      fc.property(scriptArb, ({ initial, turns }) => {
        const base = realpathSync(tempDir('trail-history-prop-'));
        const repo = join(base, 'repo');
        mkdirSync(repo);
        let lines = Array.from({ length: initial }, (_, i) => ({
          text: `init-${i}\n`,
          who: 'before',
        }));
        const text = () => lines.map((l) => l.text).join('');
        writeFileSync(join(repo, 'f.txt'), text());
        git(repo, ['init', '-q']);
        git(repo, ['add', '-A']);
        git(repo, ['commit', '-q', '-m', 'initial']);
        const c = new ClaudeSession(join(base, 'home'), repo).start();
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
          else
            lines.splice(
              o.to % (lines.length - Math.min(o.n, lines.length - at) + 1),
              0,
              ...lines.splice(at, o.n),
            );
        };
        turns.forEach((t, k) => {
          const prompt = k + 1;
          c.prompt(`turn ${prompt}`);
          for (const o of t.inside) {
            step++;
            const before = text();
            const mark = `pending-${step}`;
            apply(o, o.actor === 'shell' || o.actor === 'human' ? `turn:${prompt}` : mark);
            if (o.actor === 'shell' || o.actor === 'human') {
              writeFileSync(join(base, 'next.txt'), text());
              c.bash(`cp ../next.txt f.txt`);
              continue;
            }
            // Edit needs a non-empty old string: it replaces the whole content, like a rewrite
            const id =
              o.actor === 'edit' && before !== ''
                ? c.edit('f.txt', before, text())
                : c.write('f.txt', text());
            lines = lines.map((l) => (l.who === mark ? { ...l, who: `tool:${id}` } : l));
          }
          c.stop();
          for (const o of t.between) {
            step++;
            apply(o, 'human');
            writeFileSync(join(repo, 'f.txt'), text());
          }
        });
        if (lines.length === 0) return;
        const b = trailJson<{
          lines: { text: string; kind: string; toolCallId: string | null; prompt: number | null }[];
        }>(c.home, ['blame', 'f.txt'], { cwd: repo });
        expect(b.lines.map((l) => l.text + '\n')).toEqual(lines.map((l) => l.text));
        const got = b.lines.map((l) =>
          l.kind === 'tool'
            ? `tool:${l.toolCallId}`
            : l.kind === 'turn'
              ? `turn:${l.prompt}`
              : l.kind,
        );
        expect(got).toEqual(lines.map((l) => l.who));
      }),
      { numRuns: 8 },
    );
  });
});
