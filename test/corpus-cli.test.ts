import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, tempDir, trailJson } from './helpers.js';

const claude = join(CORPUS, 'claude');
const labels = existsSync(claude) ? readdirSync(claude) : [];

interface ImportJson {
  imports: {
    sessions: number;
    events: number;
    problems: unknown[];
    files: number;
    unchanged: number;
  }[];
}

describe.skipIf(labels.length === 0)(
  'every Claude Code transcript in ../shared/corpus imports through the CLI (skipped: the corpus is not beside this checkout)',
  () => {
    it.each(labels)('%s: imports with no problem, and a forced re-import adds nothing', (label) => {
      const home = join(tempDir(), 'home');
      const first = trailJson<ImportJson>(home, ['import', 'claude', '--from', join(claude, label)])
        .imports[0]!;
      expect(first.problems).toEqual([]);
      expect(first.sessions).toBeGreaterThan(0);
      expect(first.events).toBeGreaterThan(0);
      const before = trailJson<{ sessions: { id: string; counts: Record<string, number> }[] }>(
        home,
        ['log'],
      );
      const again = trailJson<ImportJson>(home, [
        'import',
        'claude',
        '--from',
        join(claude, label),
        '--force',
      ]).imports[0]!;
      expect(again.events).toBe(0);
      expect(trailJson<{ sessions: unknown[] }>(home, ['log'])).toEqual(before);
    });
  },
);
