/**
 * Branch analysis of one thread's records (formats.md 1.5).
 *
 * Records form a tree by `parentUuid` (a compact boundary continues from its
 * `logicalParentUuid`). The current conversation is the chain from the latest leaf (or
 * `last-prompt.leafUuid`, when that record came later) back to the root. Claude Code also
 * creates side children that are NOT rewinds: parallel tool calls hang their results and the
 * further blocks of the same response off earlier records, and progress records sit beside
 * the tool result. So an off-chain record is classified by what starts its side branch:
 *
 * - `attached`: reached from the chain through tool results, blocks of a response that is
 *   on the chain, progress, attachments or system records. Part of the main timeline.
 * - `abandoned`: below an off-chain human prompt or an off-chain model response (a rewind,
 *   an edited prompt, a retried response). The importer keeps only the tool calls of
 *   abandoned branches: they ran, their ids are unique, so keeping them duplicates nothing,
 *   while their prompts and text were superseded by the current chain.
 *
 * Each separate tree (a record whose parent is unknown starts one, as after an aside
 * replay was removed) has its own chain.
 */

/** How a record relates to the current conversation. */
export type ThreadStatus = 'chain' | 'attached' | 'abandoned';

/** What the analysis needs to know about a record. */
export interface ThreadNode {
  uuid: string;
  parent?: string;
  seq: number;
  /**
   * 'prompt' for a human prompt, 'response' for an assistant record, 'progress' for
   * progress records, which hang side chains off a tool call (a background agent keeps
   * adding to its chain while the conversation goes on) and so never choose the leaf.
   */
  role: 'prompt' | 'response' | 'progress' | 'other';
  /** message.id of an assistant record. */
  messageId?: string;
}

/** A `last-prompt` record's leaf and the position of that record. */
export interface LeafHint {
  uuid: string;
  seq: number;
}

/** Classifies every node; nodes are given in reading order. */
export function threadStatuses(
  nodes: readonly ThreadNode[],
  hint?: LeafHint,
): Map<string, ThreadStatus> {
  const byUuid = new Map<string, ThreadNode>();
  for (const n of nodes) if (!byUuid.has(n.uuid)) byUuid.set(n.uuid, n);
  const parentOf = (n: ThreadNode): ThreadNode | undefined =>
    n.parent !== undefined && n.parent !== n.uuid ? byUuid.get(n.parent) : undefined;

  // Root of every node, iteratively (threads can be tens of thousands deep); a cycle
  // makes the node where it closes a root.
  const rootOf = new Map<string, string>();
  for (const n of byUuid.values()) {
    const path: ThreadNode[] = [];
    const onPath = new Set<string>();
    let cur: ThreadNode | undefined = n;
    let root: string | undefined;
    while (cur) {
      const known = rootOf.get(cur.uuid);
      if (known !== undefined) {
        root = known;
        break;
      }
      path.push(cur);
      onPath.add(cur.uuid);
      const p = parentOf(cur);
      if (!p || onPath.has(p.uuid)) {
        root = cur.uuid;
        break;
      }
      cur = p;
    }
    for (const x of path) rootOf.set(x.uuid, root!);
  }

  // The leaf of each tree: its last record that is not progress (any record if all are),
  // or the hinted leaf when the hint came later.
  const leafOf = new Map<string, ThreadNode>();
  const better = (a: ThreadNode, b: ThreadNode | undefined): boolean => {
    if (!b) return true;
    const aProgress = a.role === 'progress';
    const bProgress = b.role === 'progress';
    // any other record beats a progress record, then the later one wins
    return aProgress !== bProgress ? bProgress : a.seq > b.seq;
  };
  for (const n of byUuid.values()) {
    const r = rootOf.get(n.uuid)!;
    if (better(n, leafOf.get(r))) leafOf.set(r, n);
  }
  const hinted = hint ? byUuid.get(hint.uuid) : undefined;
  if (hint && hinted) {
    const r = rootOf.get(hinted.uuid)!;
    if (hint.seq > leafOf.get(r)!.seq) leafOf.set(r, hinted);
  }

  const status = new Map<string, ThreadStatus>();
  const chainMessages = new Set<string>();
  for (const leaf of leafOf.values()) {
    const seen = new Set<string>();
    for (let cur: ThreadNode | undefined = leaf; cur && !seen.has(cur.uuid); cur = parentOf(cur)) {
      seen.add(cur.uuid);
      status.set(cur.uuid, 'chain');
      if (cur.messageId !== undefined) chainMessages.add(cur.messageId);
    }
  }

  const startsBranch = (n: ThreadNode): boolean =>
    n.role === 'prompt' ||
    (n.role === 'response' && (n.messageId === undefined || !chainMessages.has(n.messageId)));
  for (const n of byUuid.values()) {
    if (status.has(n.uuid)) continue;
    // Walk up to the first classified ancestor, then classify the path downwards.
    const path: ThreadNode[] = [];
    const onPath = new Set<string>();
    let cur: ThreadNode | undefined = n;
    while (cur && !status.has(cur.uuid) && !onPath.has(cur.uuid)) {
      path.push(cur);
      onPath.add(cur.uuid);
      cur = parentOf(cur);
    }
    let above: ThreadStatus = (cur && status.get(cur.uuid)) || 'attached';
    for (let i = path.length - 1; i >= 0; i--) {
      const x = path[i]!;
      above = above === 'abandoned' || startsBranch(x) ? 'abandoned' : 'attached';
      status.set(x.uuid, above);
    }
  }
  return status;
}
