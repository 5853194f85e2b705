import { normalizePath } from './paths.js';

/** What is known about where a session ran, to identify its project portably. */
export interface ProjectClues {
  /** `git remote get-url origin`, when there is one. */
  remoteUrl?: string;
  /** Hash of the repository's root commit. */
  rootCommit?: string;
  /** Repository root (or the cwd when not a repository). */
  path: string;
}

/** A project's portable identity. */
export interface ProjectIdentity {
  id: string;
  name: string;
}

/**
 * Normalises a git remote URL so that https, ssh and scp forms of the same repository
 * agree: `git@github.com:a/b.git`, `https://user@github.com/a/b`, `ssh://git@github.com/a/b.git`
 * all become `github.com/a/b`. Credentials never survive.
 */
export function normalizeRemote(url: string): string {
  let s = url.trim();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(s);
  if (scp && !/^[a-z]+:\/\//i.test(s)) s = `${scp[1]}/${scp[2]}`;
  else s = s.replace(/^[a-z+]+:\/\//i, '').replace(/^[^@/]+@/, '');
  s = s
    .replace(/:\d+\//, '/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  const slash = s.indexOf('/');
  return slash < 0 ? s.toLowerCase() : s.slice(0, slash).toLowerCase() + s.slice(slash);
}

/** The portable id of a project: remote, else root commit, else path. */
export function projectIdentity(c: ProjectClues): ProjectIdentity {
  const path = normalizePath(c.path);
  const base = path.split('/').filter(Boolean).pop() ?? path;
  if (c.remoteUrl) {
    const r = normalizeRemote(c.remoteUrl);
    return { id: `git:${r}`, name: r.split('/').pop() || base };
  }
  if (c.rootCommit) return { id: `root:${c.rootCommit}`, name: base };
  return { id: `path:${path}`, name: base };
}
