import { normalizePath, relativeTo } from '@trail/model';

/**
 * What the importer has learned about file contents during one session, from the edits it
 * has seen (files created by a patch or a heredoc, patches applied to those). It lets a
 * later patch become a real unified diff instead of hunks without line numbers. Keys are
 * paths as reported in FileChange (relative to the session cwd when inside it).
 */
export class KnownFiles {
  private readonly contents = new Map<string, string>();

  /** Content last seen for a path, if any. */
  get(path: string): string | undefined {
    return this.contents.get(path);
  }

  /** Records a path's full content. */
  set(path: string, content: string): void {
    this.contents.set(path, content);
  }

  /** Forgets a path (deleted, or changed in a way the importer could not follow). */
  forget(path: string): void {
    this.contents.delete(path);
  }
}

/**
 * Resolves a path an agent wrote (relative to `workdir`, itself absolute or relative to the
 * session cwd) to the form FileChange uses: relative to the session cwd when inside it,
 * else normalised absolute. Without a cwd, paths stay as given (normalised).
 */
export function resolveAgentPath(path: string, cwd: string | undefined, workdir?: string): string {
  const p = normalizePath(path.trim());
  if (!cwd) return workdir && !isAbs(p) ? joinPath(normalizePath(workdir), p) : p;
  const base = workdir
    ? isAbs(normalizePath(workdir))
      ? normalizePath(workdir)
      : joinPath(normalizePath(cwd), normalizePath(workdir))
    : normalizePath(cwd);
  return relativeTo(cwd, isAbs(p) ? p : joinPath(base, p));
}

function isAbs(p: string): boolean {
  return p.startsWith('/') || /^[a-z]:\//i.test(p);
}

/** Joins and normalises `.`/`..` segments with forward slashes. */
function joinPath(base: string, rel: string): string {
  const abs = isAbs(base);
  const drive = /^[a-z]:/i.exec(base)?.[0];
  const parts: string[] = [];
  for (const seg of `${drive ? base.slice(2) : base}/${rel}`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const joined = parts.join('/');
  if (drive) return `${drive}/${joined}`;
  return abs ? `/${joined}` : joined;
}
