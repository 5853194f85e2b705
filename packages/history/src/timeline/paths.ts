import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { normalizePath, relativeTo } from '@trail/model';
import type { SessionInfo } from './sessions.js';

/** A path relative to a root, `/`-separated; undefined when it lies outside the root. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Resolves a path a session recorded (absolute, or relative to its cwd, maybe spelled
 * through a symlink) to a path relative to `root`. Sessions recorded on another machine
 * (their cwd does not exist here) are taken to have run at the project's top level.
 */
export function recordedToRel(
  root: string,
  session: SessionInfo,
  recorded: string,
): string | undefined {
  if (session.localCwd) {
    let abs: string;
    if (!isAbsolute(recorded)) abs = resolve(session.localCwd, recorded);
    else if (session.cwd && recorded.startsWith(session.cwd + '/'))
      abs = session.localCwd + recorded.slice(session.cwd.length);
    else abs = recorded;
    return relativeInside(root, abs);
  }
  const rel = relativeTo(session.cwd || '/', recorded);
  const norm = normalizePath(rel);
  return isAbsolute(norm) || norm.startsWith('..') ? undefined : posix.normalize(norm);
}
