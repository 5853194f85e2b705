import { describe, expect, it } from 'vitest';
import { parseFast } from './fast.js';

describe('parseFast', () => {
  it('reads log and search with their declared options, as commander would hand them over', () => {
    expect(parseFast(['log'])).toEqual({ command: 'log', words: [], opts: { color: true } });
    expect(
      parseFast(['--home', '/h', 'log', '-n', '20', '--oneline', '--no-color', '--since=2d']),
    ).toEqual({
      command: 'log',
      words: [],
      opts: { color: false, home: '/h', maxCount: 20, oneline: true, since: '2d' },
    });
    expect(
      parseFast(['log', '--all', '--json', '-q', '--debug', '--tag', 'x', '--home=/h']),
    ).toEqual({
      command: 'log',
      words: [],
      opts: { color: true, all: true, json: true, quiet: true, debug: true, tag: 'x', home: '/h' },
    });
    expect(
      parseFast(['search', 'token', '--agent', 'codex', 'refresh', '--max-count', '3']),
    ).toEqual({
      command: 'search',
      words: ['token', 'refresh'],
      opts: { color: true, agent: 'codex', maxCount: 3 },
    });
    expect(parseFast(['search', 'log', '-'])?.words).toEqual(['log', '-']);
    expect(parseFast(['log', '--project', 'a', '--project', 'b'])?.opts.project).toBe('b');
  });

  it('leaves everything else to commander: help, errors, other commands and unusual spellings', () => {
    for (const argv of [
      [],
      ['show', 'abcd'],
      ['help', 'log'],
      ['log', '--help'],
      ['log', '-h'],
      ['-V'],
      ['--version'],
      ['log', 'extra'],
      ['search'],
      ['search', '--json'],
      ['log', '-n'],
      ['log', '-n', '0'],
      ['log', '-n', '1.5'],
      ['log', '-n', 'x'],
      ['log', '-n5'],
      ['log', '-qn', '5'],
      ['log', '--project', '-q'],
      ['log', '--project=-q'],
      ['log', '--json=yes'],
      ['log', '--color'],
      ['log', '--unknown'],
      ['log', '--', 'x'],
      ['search', '--', '-n'],
      ['search', 'x', '--since', '2d'],
      ['--json', 'log'],
      ['-n', '5', 'log'],
      ['--home'],
    ])
      expect(parseFast(argv), JSON.stringify(argv)).toBeUndefined();
  });
});
