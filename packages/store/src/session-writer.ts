import {
  type CapturedSession,
  type DocEvent,
  type PreviewRedactor,
  type SessionCounts,
  type SessionDoc,
  type TokenUsage,
  DOC_SCHEMA,
  preview,
} from '@trail/model';
import type { BlobStore } from './blobs.js';
import { str } from './automerge.js';
import { putValue, type Backend } from './backend.js';
import { immutableDeep } from './immutable.js';
import { normalizeTs, toDocEvent } from './to-doc.js';

/** What writing a captured session into its document changed. */
export interface WriteResult {
  added: number;
  merged: number;
}

/**
 * The genesis content of a session document (identical on every device); a document that
 * `trail purge` rebuilt carries its generation from the start.
 */
export function sessionGenesis(id: string, generation = 0): Record<string, unknown> {
  return {
    ...(generation > 0 ? { generation } : {}),
    schema: DOC_SCHEMA,
    kind: 'trail/session',
    id,
    events: [],
    annotations: { tags: {}, note: '', status: '', hidden: false },
    usage: { input: 0, output: 0, cacheRead: 0, cacheCreate: 0 },
  };
}

/**
 * Writes into a document's backend (Automerge's WebAssembly handle) directly, bypassing the
 * proxies of `A.change`: a change made through `A.change` is followed by a patch of every
 * inserted field back into a JavaScript object, which was most of an import's time and is
 * never read (trail keeps its own plain copy of what it wrote). Values are typed exactly as
 * the proxies type them: recorded text is an immutable string, whole numbers are ints.
 */
export class DocWriter {
  readonly #h: Backend;
  readonly #events: string;

  constructor(h: Backend) {
    this.#h = h;
    this.#events = this.#obj('_root', 'events');
  }

  #obj(parent: string, key: string | number): string {
    const got = this.#h.getWithType(parent, key);
    if (!got || (got[0] !== 'map' && got[0] !== 'list')) {
      throw new Error(`session document has no object at ${String(key)}`);
    }
    return got[1];
  }

  #put(obj: string, key: string | number, v: unknown): void {
    putValue(this.#h, obj, key, v, 'immutable');
  }

  /** Sets a top-level field. */
  set(key: string, v: unknown): void {
    this.#put('_root', key, v);
  }

  /** Sets a field of a top-level map (`usage.input`). */
  setIn(map: string, key: string, v: unknown): void {
    this.#put(this.#obj('_root', map), key, v);
  }

  /** Sets a field of the event at `index`. */
  setEventField(index: number, key: string, v: unknown): void {
    this.#put(this.#obj(this.#events, index), key, v);
  }

  /** Inserts events at `index` (the list's length appends). */
  insertEvents(index: number, events: readonly DocEvent[]): void {
    this.#h.spliceFromHydrate(this.#events, index, 0, events.map(immutableDeep));
  }
}

/** A session document's fields other than its events, as plain JSON. */
export type PlainSession = Omit<SessionDoc, 'events'> & Record<string, unknown>;

/**
 * Folds a captured session into its document in ONE change: new events are inserted in
 * time order, events already present (same id, e.g. seen by a hook and then in the
 * transcript) gain the fields they lacked, and metadata and counts are brought up to date.
 * `top` and `plain` are the document's fields and events as plain JSON, read before the
 * change and kept up to date by it: positions, counts and comparisons are computed on them,
 * because every read through Automerge is a call into WebAssembly.
 */
export function applyCaptured(
  w: DocWriter,
  top: PlainSession,
  s: CapturedSession,
  project: string,
  blobs: BlobStore,
  redact: PreviewRedactor,
  plain: DocEvent[] = [],
): WriteResult {
  const byId = new Map<string, number>();
  plain.forEach((e, i) => byId.set(e.id, i));
  let added = 0;
  let merged = 0;
  // summed here and written once per field
  const usage: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheCreate: 0 };
  const fresh: DocEvent[] = [];
  const freshIds = new Set<string>();
  // fields gained by existing events, written before insertions move those events
  const gained: [number, string, unknown][] = [];
  for (const ce of s.events) {
    const de = toDocEvent(ce, blobs, redact);
    const at = byId.get(de.id);
    if (at !== undefined) {
      if (mergeEvent(plain[at]!, de, (k, v) => gained.push([at, k, v]))) merged++;
      continue;
    }
    if (freshIds.has(de.id)) continue;
    freshIds.add(de.id);
    fresh.push(de);
    if (ce.kind === 'assistant' && ce.usage) addUsage(usage, ce.usage);
  }
  for (const [at, k, v] of gained) w.setEventField(at, k, v);
  if (fresh.length > 0) {
    // stable sort by time; most batches only append
    const order = fresh
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (a.e.ts < b.e.ts ? -1 : a.e.ts > b.e.ts ? 1 : a.i - b.i))
      .map((x) => x.e);
    const lastTs = plain.length ? plain[plain.length - 1]!.ts : '';
    if (order[0]!.ts >= lastTs) {
      w.insertEvents(plain.length, order);
      plain.push(...order);
    } else {
      for (const e of order) {
        const pos = insertionPoint(plain, e.ts);
        w.insertEvents(pos, [e]);
        plain.splice(pos, 0, e);
      }
    }
    added = order.length;
  }
  if (usage.input || usage.output || usage.cacheRead || usage.cacheCreate) {
    const u = (top.usage ??= { input: 0, output: 0, cacheRead: 0, cacheCreate: 0 });
    for (const k of ['input', 'output', 'cacheRead', 'cacheCreate'] as const) {
      if (!usage[k]) continue;
      u[k] = (u[k] ?? 0) + usage[k];
      w.setIn('usage', k, u[k]);
    }
  }
  const set = (key: string, v: string | undefined): void => {
    if (v === undefined || v === '' || top[key] === v) return;
    top[key] = v;
    w.set(key, v);
  };
  set('agent', s.agent);
  set('project', project);
  set('cwd', s.cwd);
  set('gitBranch', s.gitBranch);
  set('model', s.model);
  set('agentVersion', s.agentVersion);
  if (s.title) set('title', preview(redact(s.title), 120));
  else if (!top.title) {
    const first = plain.find((e) => e.kind === 'prompt' && !e.agentId);
    if (first) set('title', preview(first.preview, 120));
  }
  const first = plain[0];
  const last = plain[plain.length - 1];
  const start = [s.startedAt && normalizeTs(s.startedAt), first?.ts].filter(Boolean).sort()[0];
  const end = [s.endedAt && normalizeTs(s.endedAt), last?.ts].filter(Boolean).sort().pop();
  if (start && (!top.startedAt || start < top.startedAt)) set('startedAt', start);
  if (end && end > (top.endedAt ?? '')) set('endedAt', end);
  const counts = countEvents(plain);
  if (JSON.stringify(counts) !== JSON.stringify(top.counts)) {
    top.counts = counts;
    w.set('counts', counts);
  }
  return { added, merged };
}

function insertionPoint(events: DocEvent[], ts: string): number {
  let lo = 0;
  let hi = events.length;
  if (hi === 0 || events[hi - 1]!.ts <= ts) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.ts <= ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds the fields an existing event lacks (a pending tool call gains its result) to its
 * plain copy, reporting each one to `write`.
 */
function mergeEvent(
  target: DocEvent,
  src: DocEvent,
  write: (key: string, v: unknown) => void,
): boolean {
  let changed = false;
  const t = target as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined || k === 'id' || k === 'ts') continue;
    const cur = t[k];
    const empty =
      cur === undefined ||
      cur === null ||
      (typeof cur !== 'object' && str(cur) === '') ||
      (k === 'status' && str(cur) === 'pending' && v !== 'pending');
    if (empty && !(k === 'preview' && v === '')) {
      t[k] = v;
      write(k, v);
      changed = true;
    }
  }
  return changed;
}

function addUsage(u: TokenUsage, add: TokenUsage): void {
  u.input += add.input;
  u.output += add.output;
  u.cacheRead += add.cacheRead;
  u.cacheCreate += add.cacheCreate;
}

/** The counts `trail log` shows, derived from the events. */
export function countEvents(events: readonly DocEvent[]): SessionCounts {
  const c: SessionCounts = {
    prompts: 0,
    toolCalls: 0,
    filesChanged: 0,
    commands: 0,
    errors: 0,
    events: events.length,
  };
  const files = new Set<string>();
  const seen = new Set<string>();
  for (const e of events) {
    const id = str(e.id);
    if (seen.has(id)) continue;
    seen.add(id);
    const kind = str(e.kind);
    if (kind === 'prompt' && !e.agentId) c.prompts++;
    else if (kind === 'error') c.errors++;
    else if (kind === 'tool') {
      c.toolCalls++;
      if (str(e.category) === 'command') c.commands++;
      if (str(e.status) === 'error') c.errors++;
      for (const ch of e.changes ?? []) files.add(str(ch.path));
    }
  }
  c.filesChanged = files.size;
  return c;
}
