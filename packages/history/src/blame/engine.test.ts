import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyStep, initialState, replay, type Step } from './engine.js';
import type { Origin } from './origin.js';

const before: Origin = { kind: 'before', inferred: false };
const human: Origin = { kind: 'human', inferred: false };
const turn = (prompt: number): Origin => ({ kind: 'turn', prompt, inferred: false });
const tool = (id: string, prompt: number): Origin => ({
  kind: 'tool',
  toolCallId: id,
  prompt,
  inferred: false,
});

function label(o: Origin): string {
  return o.kind === 'tool'
    ? `tool:${o.toolCallId}`
    : o.kind === 'turn'
      ? `turn:${o.prompt}`
      : o.kind;
}

describe('blame engine', () => {
  it('charges edit-tool lines to the call, shell lines to the turn, lines between turns to a human', () => {
    const steps: Step[] = [
      { kind: 'observe', content: 'a\nb\n', gap: human, baseline: before },
      {
        kind: 'edit',
        before: 'a\nb\n',
        after: 'a\nB\nb\n',
        origin: tool('t1', 1),
        gap: turn(1),
        baseline: before,
      },
      // a shell command appended "c" before the turn ended
      { kind: 'observe', content: 'a\nB\nb\nc\n', gap: turn(1), baseline: before },
      // a human prepended "h" before the next prompt
      { kind: 'observe', content: 'h\na\nB\nb\nc\n', gap: human, baseline: before },
    ];
    const s = replay(steps);
    expect(s.attrs.map((a) => label(a.origin))).toEqual([
      'human',
      'before',
      'tool:t1',
      'before',
      'turn:1',
    ]);
  });

  it('charges a gap before an edit to the turn when the recorded before differs', () => {
    const s = replay([
      { kind: 'observe', content: 'a\n', gap: human, baseline: before },
      {
        kind: 'edit',
        before: 'a\nsed\n',
        after: 'a\nsed\nedit\n',
        origin: tool('t2', 2),
        gap: turn(2),
        baseline: before,
      },
    ]);
    expect(s.attrs.map((a) => label(a.origin))).toEqual(['before', 'turn:2', 'tool:t2']);
  });

  it('starts from the recorded before of an imported edit when no checkpoint exists', () => {
    const inferredBefore: Origin = { kind: 'before', inferred: true };
    const s = replay([
      {
        kind: 'edit',
        before: 'x\n',
        after: 'x\ny\n',
        origin: tool('t3', 1),
        gap: turn(1),
        baseline: inferredBefore,
      },
    ]);
    expect(s.seen).toBe(true);
    expect(s.attrs.map((a) => a.origin)).toEqual([
      inferredBefore,
      expect.objectContaining({ toolCallId: 't3' }),
    ]);
  });

  it('applies a recorded patch when the content after was not recorded', () => {
    const s = initialState();
    applyStep(s, { kind: 'observe', content: 'a\nb\nc\n', gap: human, baseline: before });
    const patch = '--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n b\n+new\n c\n';
    applyStep(s, { kind: 'edit', patch, origin: tool('t4', 1), gap: turn(1), baseline: before });
    expect(s.text()).toBe('a\nb\nnew\nc\n');
    expect(s.attrs.map((a) => label(a.origin))).toEqual(['before', 'before', 'tool:t4', 'before']);
  });

  it('forgets the lines of a deleted file and attributes its re-creation anew', () => {
    const s = replay([
      { kind: 'observe', content: 'a\n', gap: human, baseline: before },
      {
        kind: 'edit',
        before: 'a\n',
        after: null,
        origin: tool('rm', 1),
        gap: turn(1),
        baseline: before,
      },
      { kind: 'observe', content: 'a\n', gap: turn(1), baseline: before },
    ]);
    expect(s.attrs.map((a) => label(a.origin))).toEqual(['turn:1']);
  });

  it('names the step that last changed every line, for any sequence of agent and human edits', () => {
    type Actor = 'tool' | 'shell' | 'human';
    const op = fc.record({
      actor: fc.constantFrom<Actor>('tool', 'shell', 'human'),
      kind: fc.constantFrom('insert', 'delete', 'replace', 'move'),
      at: fc.nat(),
      n: fc.integer({ min: 1, max: 4 }),
      to: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.array(op, { maxLength: 40 }),
        fc.array(fc.nat(6), { maxLength: 10 }),
        (initial, ops, turnBreaks) => {
          // true state: each line is unique text, labelled with who last changed it
          const lines = Array.from({ length: initial }, (_, i) => ({
            text: `init-${i}\n`,
            who: 'before',
          }));
          const steps: Step[] = [];
          const text = () => lines.map((l) => l.text).join('');
          let prompt = 0;
          let inTurn = false;
          const breaks = new Set(turnBreaks.map((b, i) => b + i * 3));
          steps.push({ kind: 'observe', content: text(), gap: human, baseline: before });
          ops.forEach((o, i) => {
            if (breaks.has(i)) {
              // turn boundary: end the current turn or start the next
              if (inTurn)
                steps.push({
                  kind: 'observe',
                  content: text(),
                  gap: turn(prompt),
                  baseline: before,
                });
              else {
                prompt++;
                steps.push({ kind: 'observe', content: text(), gap: human, baseline: before });
              }
              inTurn = !inTurn;
            }
            const actor: Actor = inTurn ? (o.actor === 'human' ? 'shell' : o.actor) : 'human';
            const who =
              actor === 'tool' ? `tool:c${i}` : actor === 'shell' ? `turn:${prompt}` : 'human';
            const at = lines.length === 0 ? 0 : o.at % (lines.length + 1);
            const fresh = Array.from({ length: o.n }, (_, j) => ({ text: `s${i}-${j}\n`, who }));
            const prev = text();
            if (o.kind === 'insert' || lines.length === 0) lines.splice(at, 0, ...fresh);
            else if (o.kind === 'delete') lines.splice(at, o.n);
            else if (o.kind === 'replace') lines.splice(at, o.n, ...fresh);
            else {
              const block = lines.splice(at, o.n);
              lines.splice(o.to % (lines.length + 1), 0, ...block);
            }
            if (actor === 'tool')
              steps.push({
                kind: 'edit',
                before: prev,
                after: text(),
                origin: tool(`c${i}`, prompt),
                gap: turn(prompt),
                baseline: before,
              });
          });
          steps.push({
            kind: 'observe',
            content: text(),
            gap: inTurn ? turn(prompt) : human,
            baseline: before,
          });
          const s = replay(steps);
          expect(s.text()).toBe(text());
          expect(s.attrs.map((a) => label(a.origin))).toEqual(lines.map((l) => l.who));
        },
      ),
      { numRuns: 400 },
    );
  });
});
