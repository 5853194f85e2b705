import { execFileSync } from 'node:child_process';
import { projectIdentity } from '@trail/model';

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

/**
 * A lazy portable project id for a local root (remote, else root commit, else path), the
 * same id the store gives sessions. Computed only when a session recorded on another
 * machine has to be matched, since it starts git. Mirrors the store's resolveProject,
 * which lives behind the store's Automerge-loading entry point.
 */
export function lazyProjectId(root: string): () => string {
  let id: string | undefined;
  return () => {
    if (id !== undefined) return id;
    const remoteUrl = git(root, ['remote', 'get-url', 'origin']);
    const rootCommit = git(root, ['rev-list', '--max-parents=0', 'HEAD'])?.split('\n').pop();
    id = projectIdentity({
      path: root,
      ...(remoteUrl ? { remoteUrl } : {}),
      ...(rootCommit ? { rootCommit } : {}),
    }).id;
    return id;
  };
}
