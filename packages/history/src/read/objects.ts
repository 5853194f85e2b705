import { runGit, type GitTarget } from '../snapshot/git.js';

/** An object as `git cat-file --batch-check` describes it. */
export interface ObjectInfo {
  oid: string;
  type: string;
  size: number;
}

/**
 * Resolves many object names (`<commit>:<path>`, ids...) with one git process. The result
 * is parallel to `specs`: undefined where the name does not exist (a path absent from
 * that checkpoint). Names with a newline cannot be asked for and resolve to undefined.
 */
export function resolveObjects(t: GitTarget, specs: readonly string[]): (ObjectInfo | undefined)[] {
  const asked = specs.filter((s) => !s.includes('\n'));
  if (asked.length === 0) return specs.map(() => undefined);
  const out = runGit(t, ['cat-file', '--batch-check'], { input: asked.join('\n') + '\n' })
    .stdout.toString('utf8')
    .split('\n');
  const found = new Map<string, ObjectInfo>();
  asked.forEach((spec, i) => {
    const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(out[i] ?? '');
    if (m) found.set(spec, { oid: m[1]!, type: m[2]!, size: Number(m[3]) });
  });
  return specs.map((s) => found.get(s));
}

/** Reads the content of many objects with one git process. */
export function readObjects(t: GitTarget, oids: readonly string[]): Map<string, Buffer> {
  const want = [...new Set(oids)];
  const result = new Map<string, Buffer>();
  if (want.length === 0) return result;
  const buf = runGit(t, ['cat-file', '--batch'], { input: want.join('\n') + '\n' }).stdout;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const header = buf.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^([0-9a-f]{40,64}) \w+ (\d+)$/.exec(header);
    if (!m) continue; // "<name> missing"
    const size = Number(m[2]);
    result.set(m[1]!, buf.subarray(pos, pos + size));
    pos += size + 1;
  }
  return result;
}

/** One entry of a tree, recursively listed. */
export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

/** Every file of a tree (`git ls-tree -r`). */
export function listTree(t: GitTarget, tree: string): TreeEntry[] {
  const out = runGit(t, ['ls-tree', '-r', '-z', '--full-tree', tree]).stdout.toString('utf8');
  const entries: TreeEntry[] = [];
  for (const rec of out.split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = rec.slice(0, tab).split(' ');
    entries.push({ mode: mode!, type: type!, oid: oid!, path: rec.slice(tab + 1) });
  }
  return entries;
}

/** How one path differs between two trees. */
export interface TreeChange {
  path: string;
  /** A added, D deleted, M modified, T type changed (file ↔ symlink). */
  status: 'A' | 'D' | 'M' | 'T';
  fromMode: string;
  toMode: string;
  fromOid: string;
  toOid: string;
}

/** The files that differ between two trees (`git diff-tree -r`, no rename detection). */
export function diffTrees(t: GitTarget, from: string, to: string): TreeChange[] {
  const out = runGit(t, [
    'diff-tree',
    '-r',
    '-z',
    '--no-renames',
    '--no-commit-id',
    from,
    to,
  ]).stdout.toString('utf8');
  const parts = out.split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const m = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([ADMT])/.exec(parts[i]!);
    if (!m) continue;
    changes.push({
      fromMode: m[1]!,
      toMode: m[2]!,
      fromOid: m[3]!,
      toOid: m[4]!,
      status: m[5] as TreeChange['status'],
      path: parts[i + 1]!,
    });
  }
  return changes;
}

/** Renames between two trees as git detects them (-M, half the content or more kept): new path → old path. */
export function renamesBetween(t: GitTarget, from: string, to: string): Map<string, string> {
  const out = runGit(t, [
    'diff-tree',
    '-r',
    '-z',
    '-M',
    '--diff-filter=R',
    '--no-commit-id',
    from,
    to,
  ]).stdout.toString('utf8');
  const parts = out.split('\0');
  const renames = new Map<string, string>();
  for (let i = 0; i + 2 < parts.length; i += 3) {
    if (!/^:\d+ \d+ [0-9a-f]+ [0-9a-f]+ R\d+/.test(parts[i]!)) continue;
    renames.set(parts[i + 2]!, parts[i + 1]!);
  }
  return renames;
}
