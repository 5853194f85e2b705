import { expect, test } from 'vitest';
import { KnownFiles } from './known-files.js';
import { writeChange } from './write-change.js';

test('shell writes: create, then a real diff; appends known and unknown', () => {
  const known = new KnownFiles();
  expect(writeChange('a.txt', 'x\n', false, known)).toMatchObject({
    op: 'create',
    added: 1,
    removed: 0,
    after: 'x\n',
  });
  expect(writeChange('a.txt', 'y\n', false, known)).toMatchObject({
    op: 'modify',
    added: 1,
    removed: 1,
    before: 'x\n',
    after: 'y\n',
    patch: '--- a/a.txt\n+++ b/a.txt\n@@ -1,1 +1,1 @@\n-x\n+y\n',
  });
  expect(writeChange('a.txt', 'z\n', true, known)).toMatchObject({
    op: 'modify',
    added: 1,
    removed: 0,
    after: 'y\nz\n',
  });
  expect(writeChange('log.txt', 'one\ntwo\n', true, known)).toEqual({
    path: 'log.txt',
    op: 'modify',
    added: 2,
    removed: 0,
    patch: '--- a/log.txt\n+++ b/log.txt\n@@\n+one\n+two\n',
  });
  expect(known.get('log.txt')).toBeUndefined();
});
