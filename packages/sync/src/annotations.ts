import * as A from '@automerge/automerge';
import { TrailError, type Annotations, type LibraryDoc, type SessionDoc } from '@trail/model';
import { indexSession, toPlain, type Store } from '@trail/store';

/** Changes to a session's annotations; absent fields are left as they are. */
export interface AnnotationEdits {
  readonly addTags?: readonly string[];
  readonly removeTags?: readonly string[];
  /** Replaces the note (merged character-wise with concurrent edits elsewhere). */
  readonly note?: string;
  readonly status?: string;
  readonly hidden?: boolean;
}

/**
 * Edits a session's annotations in one Automerge change and refreshes its query-index row.
 * Tags are a map (adding and removing different tags on two devices both survive), the note is
 * collaborative text updated by diff (concurrent edits interleave instead of one losing), and
 * status and hidden are single values (concurrent writes converge on one of them everywhere).
 */
export async function annotateSession(
  store: Store,
  sessionId: string,
  edits: AnnotationEdits,
): Promise<Annotations> {
  const handle = await store.sessionHandle(sessionId);
  if (handle === undefined)
    throw new TrailError(
      'SESSION_NOT_FOUND',
      `no session ${JSON.stringify(sessionId)} in the store`,
      { id: sessionId },
    );
  handle.change(
    (d: SessionDoc) => {
      d.annotations ??= { tags: {}, note: '', status: '', hidden: false };
      const a = d.annotations;
      a.tags ??= {};
      for (const t of edits.addTags ?? []) if (!a.tags[t]) a.tags[t] = true;
      for (const t of edits.removeTags ?? []) if (a.tags[t]) delete a.tags[t];
      if (edits.note !== undefined) {
        if (typeof a.note === 'string') A.updateText(d, ['annotations', 'note'], edits.note);
        else a.note = edits.note;
      }
      if (edits.status !== undefined && String(a.status) !== edits.status)
        a.status = new A.ImmutableString(edits.status) as unknown as string;
      if (edits.hidden !== undefined && a.hidden !== edits.hidden) a.hidden = edits.hidden;
    },
    { message: 'annotate' },
  );
  const doc = toPlain<SessionDoc>(handle.doc());
  const lib = toPlain<LibraryDoc>(store.library.doc());
  const projectName =
    lib.projects[doc.project]?.name ?? doc.project.split('/').pop() ?? doc.project;
  indexSession(store.db, { doc, url: handle.url, projectName }, (ref) => {
    try {
      return store.blobs.getText(ref.hash);
    } catch {
      return undefined;
    }
  });
  await store.repo.flush([handle.documentId]);
  return doc.annotations;
}
