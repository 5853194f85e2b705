import { ERROR_CODES } from '@trail/protocol';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRelay } from './test-support/build.js';
import { DEFAULT_LIMITS, LIMIT_NAMES } from './limits.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(`${root}/docs/protocol.md`, 'utf8');

function section(title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
}

/** Runs the first TypeScript block of a text with Node (which strips the types); returns stdout. */
function runExample(text: string): string {
  const start = text.indexOf('```ts\n') + 6;
  const code = text.slice(start, text.indexOf('\n```', start));
  const file = `${root}/relay/doc-example-${process.pid}.tmp.ts`;
  writeFileSync(file, code);
  try {
    return execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
  } finally {
    rmSync(file, { force: true });
  }
}

beforeAll(() => {
  // The examples import the packages by name, which resolves to their built dist/.
  buildRelay();
});

describe('docs/protocol.md', () => {
  it('documents every error code, and only real ones', () => {
    const documented = tableRows(section('Error codes')).map((row) => row[1]!.replaceAll('`', ''));
    expect([...documented].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('documents every limit with its true default', () => {
    const rows = tableRows(section('Limits'));
    const documented = new Map(
      rows.map((row) => [row[1]!.replaceAll('`', ''), Number(row[2]!.split(' ')[0])]),
    );
    expect([...documented.keys()].sort()).toEqual([...LIMIT_NAMES].sort());
    for (const name of LIMIT_NAMES)
      expect([name, documented.get(name)]).toEqual([name, DEFAULT_LIMITS[name]]);
  });

  it('has a client example that runs', () => {
    expect(runExample(section('Client'))).toContain("[ 'bundle-1' ] true");
  });
});

describe('relay/README.md', () => {
  it('has an embedding example that runs', () => {
    const readme = readFileSync(`${root}/relay/README.md`, 'utf8');
    expect(runExample(readme)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/m);
  });
});
