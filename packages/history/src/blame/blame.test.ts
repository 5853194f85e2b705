import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isTrailError } from '@trail/model';
import { Recorder } from '../testing/recorder.js';
import type { BlameResult } from './blame.js';

let r: Recorder | undefined;
afterEach(async () => {
  await r?.dispose();
  r = undefined;
});

/** One word per line: who produced it. */
function who(b: BlameResult): string[] {
  return b.lines.map((l) => {
    const o = l.origin;
    if (o.kind === 'tool') return `${o.tool}@${o.prompt}${o.inferred ? '*' : ''}`;
    if (o.kind === 'turn') return `turn@${o.prompt}${o.inferred ? '*' : ''}`;
    return o.kind + (o.inferred ? '*' : '');
  });
}

describe('blame', () => {
  it('attributes edit-tool lines to the call, shell edits to the turn, edits between prompts to a human', async () => {
    r = await Recorder.open({ 'src/app.ts': 'const a = 1;\nconst b = 2;\nexport { a, b };\n' });
    const s = r.session('sess-one');
    s.prompt('add c');
    const editId = s.edit(
      'src/app.ts',
      'const a = 1;\nconst b = 2;\nconst c = 3;\nexport { a, b };\n',
    );
    s.shell("sed -i 's/b = 2/b = 20/' src/app.ts", () =>
      r!.write('src/app.ts', r!.read('src/app.ts').replace('b = 2', 'b = 20')),
    );
    s.end();
    r.write('src/app.ts', '// owned by me\n' + r.read('src/app.ts'));
    s.prompt('export c');
    s.edit(
      'src/app.ts',
      r.read('src/app.ts').replace('export { a, b };', 'export { a, b, c };'),
      'MultiEdit',
    );
    s.end();
    await r.flush();
    const b = r.blame('src/app.ts');
    expect(who(b)).toEqual(['human', 'before', 'turn@1', 'Edit@1', 'MultiEdit@2']);
    expect(b.lines[3]!.origin).toMatchObject({
      sessionId: 'sess-one',
      prompt: 1,
      promptText: 'add c',
      toolCallId: editId,
      agent: 'claude-code',
      model: 'claude-test-1',
      inferred: false,
    });
    expect(b.lines.map((l) => l.text)).toEqual([
      '// owned by me',
      'const a = 1;',
      'const b = 20;',
      'const c = 3;',
      'export { a, b, c };',
    ]);
  });

  it('charges changes made after the last checkpoint to a human', async () => {
    r = await Recorder.open({ 'f.txt': 'x\n' });
    r.session('s1').prompt('touch it').end();
    r.write('f.txt', 'x\ny\n');
    await r.flush();
    expect(who(r.blame('f.txt'))).toEqual(['before', 'human']);
  });

  it('attributes a file created by Write, and limits output to a line range', async () => {
    r = await Recorder.open({});
    const s = r.session('s2');
    s.prompt('create it');
    s.edit('new.md', '# Title\n\nbody\n', 'Write');
    s.end();
    await r.flush();
    expect(who(r.blame('new.md'))).toEqual(['Write@1', 'Write@1', 'Write@1']);
    expect(r.blame('new.md', { start: 2, end: 3 }).lines.map((l) => l.line)).toEqual([2, 3]);
  });

  it('marks lines from a session without checkpoints as inferred', async () => {
    r = await Recorder.open({ 'a.py': 'print(1)\n' });
    const s = r.session('imported', { checkpoints: false });
    s.prompt('more prints');
    s.edit('a.py', 'print(1)\nprint(2)\n');
    await r.flush();
    expect(who(r.blame('a.py'))).toEqual(['before*', 'Edit@1*']);
  });

  it('says plainly when trail never saw a file', async () => {
    r = await Recorder.open({ 'seen.txt': 'x\n' });
    r.session('s3').prompt('hello').end();
    await r.flush();
    r.write('later.txt', 'made after every checkpoint\n');
    let err: unknown;
    try {
      r.blame('later.txt');
    } catch (e) {
      err = e;
    }
    expect(isTrailError(err, 'FILE_NEVER_SEEN')).toBe(true);
  });

  it('keeps attributions across sessions and through a 10,000-line file', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`);
    r = await Recorder.open({ 'big.txt': big.join('') });
    const s1 = r.session('first');
    s1.prompt('change line 5000');
    big[4999] = 'agent one\n';
    s1.edit('big.txt', big.join(''));
    s1.end();
    const s2 = r.session('second');
    s2.prompt('insert at the top');
    big.unshift('agent two\n');
    s2.edit('big.txt', big.join(''));
    s2.end();
    await r.flush();
    const b = r.blame('big.txt');
    expect(b.total).toBe(10_001);
    const notBefore = b.lines
      .filter((l) => l.origin.kind !== 'before')
      .map((l) => [l.line, l.origin.sessionId]);
    expect(notBefore).toEqual([
      [1, 'second'],
      [5001, 'first'],
    ]);
  });

  it('follows a file renamed by a shell command, with the edits made on the way', async () => {
    r = await Recorder.open({ 'old.txt': 'kept one\nkept two\n' });
    const s = r.session('s-mv');
    s.prompt('rename it');
    s.edit('old.txt', 'kept one\nkept two\nadded\n');
    s.shell('mv old.txt new.txt && echo tail >> new.txt', () => {
      r!.write('new.txt', r!.read('old.txt') + 'tail\n');
      r!.write('old.txt', '');
      rmSync(r!.path('old.txt'));
    });
    s.end();
    await r.flush();
    expect(who(r.blame('new.txt'))).toEqual(['before', 'before', 'Edit@1', 'turn@1']);
  });
});
