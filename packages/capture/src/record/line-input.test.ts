import { describe, expect, test } from 'vitest';
import { LineInput, type InputAction } from './line-input.js';

/** Feeds chunks (at the given times) and returns the actions, and the bytes forwarded in order. */
function run(
  chunks: (string | Buffer)[],
  times: number[] = [],
): { actions: InputAction[]; forwarded: string } {
  const input = new LineInput();
  const actions: InputAction[] = [];
  let forwarded = '';
  chunks.forEach((c, i) => {
    for (const p of input.feed(typeof c === 'string' ? Buffer.from(c) : c, times[i] ?? 0)) {
      if (Buffer.isBuffer(p)) forwarded += p.toString();
      else actions.push(p);
    }
  });
  return { actions, forwarded };
}
const lines = (chunks: (string | Buffer)[]) =>
  run(chunks).actions.flatMap((a) => (a.kind === 'submit' ? [a.text] : []));

describe('LineInput', () => {
  test('a line is submitted at Enter, CR or LF, and CR LF counts once', () => {
    expect(lines(['fix the bug\r', 'add a test\n', 'both\r\n', 'again\r'])).toEqual([
      'fix the bug',
      'add a test',
      'both',
      'again',
    ]);
  });

  test('every byte is forwarded, and the Enter only after the submission', () => {
    const input = new LineInput();
    const pieces = input.feed(Buffer.from('ab\rcd'));
    expect(pieces.map((p) => (Buffer.isBuffer(p) ? p.toString() : p.kind))).toEqual([
      'ab',
      'submit',
      '\rcd',
    ]);
  });

  test('Backspace, Delete, Ctrl-U and Ctrl-W edit the line as a shell would', () => {
    expect(lines(['fxi\x7f\x7fix\r'])).toEqual(['fix']);
    expect(lines(['abc\x08d\r'])).toEqual(['abd']);
    expect(lines(['nonsense\x15real line\r'])).toEqual(['real line']);
    expect(lines(['run the tests now\x17later\r'])).toEqual(['run the tests later']);
    expect(lines(['héllo wörld 🙂\x7f\r'])).toEqual(['héllo wörld ']);
  });

  test('escape sequences (arrows, function keys, titles) are not text', () => {
    expect(lines(['\x1b[Aup\x1bOPf1\x1b[1;5Cctrl\x1b]0;title\x07 done\r'])).toEqual([
      'upf1ctrl done',
    ]);
  });

  test('a bracketed paste keeps its newlines inside one line', () => {
    expect(lines(['\x1b[200~line one\nline two\x1b[201~ and more\r'])).toEqual([
      'line one\nline two and more',
    ]);
  });

  test('characters split across reads, even inside UTF-8 sequences, make one line', () => {
    const euro = Buffer.from('€');
    expect(
      lines([
        'pri',
        Buffer.concat([Buffer.from('ce '), euro.subarray(0, 1)]),
        Buffer.concat([euro.subarray(1), Buffer.from('5\r')]),
      ]),
    ).toEqual(['price €5']);
  });

  test('blank lines are not submissions; Ctrl-C discards the line and is reported', () => {
    const { actions } = run(['\r', '   \r', 'half typed\x03', 'next\r']);
    expect(actions).toEqual([
      { kind: 'interrupt' },
      { kind: 'submit', text: 'next', hidden: false },
    ]);
  });

  test('a line typed with no echo at all is hidden, and its text never returned', () => {
    const input = new LineInput();
    input.feed(Buffer.from('hunter2'), 1000);
    const [submit] = input.feed(Buffer.from('\r'), 1200);
    expect(submit).toEqual({ kind: 'submit', text: '', hidden: true });
  });

  test('a line whose typing was echoed, or that arrived at once, is not hidden', () => {
    const echoed = new LineInput();
    echoed.feed(Buffer.from('visible'), 1000);
    echoed.output();
    expect(echoed.feed(Buffer.from('\r'), 1200)[0]).toEqual({
      kind: 'submit',
      text: 'visible',
      hidden: false,
    });
    const pasted = new LineInput();
    expect(pasted.feed(Buffer.from('piped line\n'), 1000)[1]).toEqual({
      kind: 'submit',
      text: 'piped line',
      hidden: false,
    });
    const quick = new LineInput();
    quick.feed(Buffer.from('fast'), 1000);
    expect(quick.feed(Buffer.from('\r'), 1010)[0]).toEqual({
      kind: 'submit',
      text: 'fast',
      hidden: false,
    });
  });
});
