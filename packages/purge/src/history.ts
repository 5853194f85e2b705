import * as A from '@automerge/automerge';
import type { Matcher } from './matcher.js';

interface DecodedOp {
  action: string;
  obj: string;
  key?: string;
  insert?: boolean;
  value?: unknown;
}

/**
 * True when any version of `doc` ever held what `matcher` matches: every change is decoded and
 * every string it wrote is tested (immutable strings, map keys, change messages), and so are the
 * characters each change inserted into a collaborative text, joined in order. A value that
 * was overwritten or deleted later still counts: Automerge keeps it in the document's history.
 */
export function historyHolds(doc: A.Doc<unknown>, matcher: Matcher): boolean {
  for (const change of A.getAllChanges(doc)) {
    const decoded = A.decodeChange(change);
    if (decoded.message && matcher.test(decoded.message)) return true;
    // runs of single characters inserted into one text object in this change
    const runs = new Map<string, string>();
    for (const op of decoded.ops as DecodedOp[]) {
      if (op.key && matcher.test(op.key)) return true;
      if (typeof op.value !== 'string') continue;
      if (op.insert) runs.set(op.obj, (runs.get(op.obj) ?? '') + op.value);
      if (op.value.length > 2 && matcher.test(op.value)) return true;
    }
    for (const run of runs.values()) if (matcher.test(run)) return true;
  }
  return false;
}
