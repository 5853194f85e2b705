import { describe, expect, it } from 'vitest';
import { linkCommits } from './pr/match.js';
import { isTestCommand } from './tests.js';
import { sessionWith } from './testing/session.js';

describe('isTestCommand', () => {
  it.each([
    'npm test',
    'npm run test:unit -- --watch=false',
    'pnpm test',
    'yarn test auth',
    'npx vitest run packages/store',
    'jest --ci',
    'node --test',
    'node test/greet.test.mjs && echo ok',
    'pytest -q tests/test_auth.py',
    'python -m unittest discover',
    'go test ./...',
    'cargo test --workspace',
    './gradlew test',
    'mvn -q verify',
    'dotnet test',
    'bundle exec rspec',
    'make check',
    'bash scripts/run-tests.sh',
  ])('recognises %s', (cmd) => expect(isTestCommand(cmd)).toBe(true));

  it.each([
    'npm install',
    'git commit -m "add tests"',
    'ls test/',
    'cat README.md',
    'echo testing',
    'node build.mjs',
    'grep -r test src',
    "sed -i 's/Hello/Hi/' src/greet.js test/greet.test.js",
    'cat test/greet.test.js',
  ])('leaves %s alone', (cmd) => expect(isTestCommand(cmd)).toBe(false));
});

describe('linkCommits', () => {
  const session = sessionWith(undefined);
  const root = '/home/dev/src/shop';
  const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 9, 0, s)).toISOString();

  it('links a commit to the session that changed its files before it', () => {
    const links = linkCommits(
      [{ sha: 'c1', time: at(40), subject: 'fix', files: ['src/auth.ts'] }],
      [session],
      root,
      at(0),
    );
    expect(links.get('c1')).toEqual([session.summary.id]);
  });

  it('does not link a commit made before the change, nor one of other files', () => {
    const links = linkCommits(
      [
        { sha: 'early', time: at(5), subject: 'before', files: ['src/auth.ts'] },
        { sha: 'other', time: at(80), subject: 'docs', files: ['README.md'] },
      ],
      [session],
      root,
      at(0),
    );
    expect(links.get('early')).toEqual([]);
    expect(links.get('other')).toEqual([]);
  });

  it('gives a change to the first commit after it, not to later ones of the same file', () => {
    const links = linkCommits(
      [
        { sha: 'c1', time: at(40), subject: 'fix', files: ['src/auth.ts'] },
        { sha: 'c2', time: at(90), subject: 'again', files: ['src/auth.ts'] },
      ],
      [session],
      root,
      at(0),
    );
    expect(links.get('c1')).toEqual([session.summary.id]);
    expect(links.get('c2')).toEqual([]);
  });

  it('links a commit the session made itself with git commit', () => {
    const events = [
      ...session.events,
      {
        ...session.events[4]!,
        id: 'tc',
        seq: 99,
        command: 'git commit -am "fix refresh"',
        ts: at(100),
      },
    ];
    const links = linkCommits(
      [{ sha: 'c9', time: at(101), subject: 'fix refresh', files: ['package.json'] }],
      [{ ...session, events }],
      root,
      at(0),
    );
    expect(links.get('c9')).toEqual([session.summary.id]);
  });
});
