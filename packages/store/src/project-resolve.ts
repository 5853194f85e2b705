import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { normalizePath, projectIdentity, type ProjectIdentity } from '@trail/model';

/** A project's identity plus the local root it was found at. */
export interface ResolvedProject extends ProjectIdentity {
  root: string;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return (
      execFileSync('git', ['-C', cwd, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const cache = new Map<string, ResolvedProject>();

/**
 * Identifies the project a working directory belongs to: its git remote, else its root
 * commit, else its path. Directories that no longer exist (imported history from another
 * machine) are identified by path.
 */
export function resolveProject(cwd: string): ResolvedProject {
  const hit = cache.get(cwd);
  if (hit) return hit;
  let r: ResolvedProject;
  if (cwd && existsSync(cwd)) {
    const top = git(cwd, ['rev-parse', '--show-toplevel']);
    if (top) {
      const remoteUrl = git(top, ['remote', 'get-url', 'origin']);
      const rootCommit = git(top, ['rev-list', '--max-parents=0', 'HEAD'])?.split('\n').pop();
      r = {
        ...projectIdentity({
          path: top,
          ...(remoteUrl ? { remoteUrl } : {}),
          ...(rootCommit ? { rootCommit } : {}),
        }),
        root: top,
      };
    } else r = { ...projectIdentity({ path: cwd }), root: cwd };
  } else {
    r = { ...projectIdentity({ path: cwd || 'unknown' }), root: normalizePath(cwd || 'unknown') };
  }
  cache.set(cwd, r);
  return r;
}
