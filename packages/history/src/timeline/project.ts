import { resolveProject } from '@trail/store/project';

/**
 * A lazy portable project id for a local root (remote, else root commit, else path), the
 * same id the store gives sessions. Computed only when a session recorded on another
 * machine has to be matched, since it starts git.
 */
export function lazyProjectId(root: string): () => string {
  let id: string | undefined;
  return () => (id ??= resolveProject(root).id);
}
