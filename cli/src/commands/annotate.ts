import { TrailError } from '@trail/model';
import { findSession } from '@trail/store/query';
import { annotateSession } from '@trail/sync';
import { readIndex } from '../context.js';
import { withStore } from '../store-session.js';
import { info, printJson, type GlobalOptions } from '../output.js';

interface AnnotateOptions extends GlobalOptions {
  tag?: string[];
  untag?: string[];
  note?: string;
  status?: string;
  hide?: boolean;
  unhide?: boolean;
}

/**
 * `trail annotate <session>`: tags, a note, a review status, hidden. Annotations are Automerge
 * fields, so edits made on two devices offline merge when they sync.
 */
export async function run(session: string, opts: AnnotateOptions): Promise<void> {
  if (opts.hide && opts.unhide)
    throw new TrailError('USAGE', '--hide and --unhide contradict each other');
  const edits = {
    ...(opts.tag ? { addTags: opts.tag } : {}),
    ...(opts.untag ? { removeTags: opts.untag } : {}),
    ...(opts.note !== undefined ? { note: opts.note } : {}),
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...(opts.hide ? { hidden: true } : opts.unhide ? { hidden: false } : {}),
  };
  const { db } = await readIndex(opts);
  let id: string;
  try {
    id = findSession(db, session).id;
  } finally {
    db.close();
  }
  const annotations = await withStore(opts, (store) => annotateSession(store, id, edits));
  if (opts.json) {
    printJson({ session: id, annotations });
    return;
  }
  const tags = Object.keys(annotations.tags).sort();
  info(
    opts,
    `${id}: ${tags.length ? `tags ${tags.join(', ')}` : 'no tags'}${annotations.status ? `; status ${annotations.status}` : ''}${annotations.hidden ? '; hidden' : ''}${annotations.note ? `; note: ${annotations.note}` : ''}`,
  );
}
