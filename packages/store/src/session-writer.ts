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
 * Folds a captured session into its document in ONE change: new events are inserted in
 * time order, events already present (same id, e.g. seen by a hook and then in the
 * transcript) gain the fields they lacked, and metadata and counts are brought up to date.
 * `plain` is the document's events as plain JSON, read before the change: positions and
 * counts are computed on it, because every read through an Automerge proxy costs a call
 * into WebAssembly (reading proxies was most of the import time).
 */
export function applyCaptured(
  doc: SessionDoc,
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
  // summed here and written once: every += through an Automerge proxy is a round trip
  const usage: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheCreate: 0 };
  const fresh: DocEvent[] = [];
  const freshIds = new Set<string>();
  for (const ce of s.events) {
    const de = toDocEvent(ce, blobs, redact);
    const at = byId.get(de.id);
    if (at !== undefined) {
      if (mergeEvent(doc.events[at]!, de)) {
        merged++;
        Object.assign(plain[at]!, { ...de, ...plain[at] });
      }
      continue;
    }
    if (freshIds.has(de.id)) continue;
    freshIds.add(de.id);
    fresh.push(de);
    if (ce.kind === 'assistant' && ce.usage) addUsage(usage, ce.usage);
  }
  if (fresh.length > 0) {
    // stable sort by time; most batches only append
    const order = fresh
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (a.e.ts < b.e.ts ? -1 : a.e.ts > b.e.ts ? 1 : a.i - b.i))
      .map((x) => x.e);
    const lastTs = plain.length ? plain[plain.length - 1]!.ts : '';
    if (order[0]!.ts >= lastTs) {
      doc.events.push(...(order.map(immutableDeep) as DocEvent[]));
      plain.push(...order);
    } else {
      for (const e of order) {
        const pos = insertionPoint(plain, e.ts);
        doc.events.splice(pos, 0, immutableDeep(e) as DocEvent);
        plain.splice(pos, 0, e);
      }
    }
    added = order.length;
  }
  if (usage.input || usage.output || usage.cacheRead || usage.cacheCreate) {
    const u = doc.usage;
    u.input = u.input + usage.input;
    u.output = u.output + usage.output;
    u.cacheRead = u.cacheRead + usage.cacheRead;
    u.cacheCreate = u.cacheCreate + usage.cacheCreate;
  }
  setIf(doc, 'agent', s.agent);
  setIf(doc, 'project', project);
  setIf(doc, 'cwd', s.cwd);
  setIf(doc, 'gitBranch', s.gitBranch);
  setIf(doc, 'model', s.model);
  setIf(doc, 'agentVersion', s.agentVersion);
  if (s.title) setIf(doc, 'title', preview(redact(s.title), 120));
  else if (!str(doc.title)) {
    const first = plain.find((e) => e.kind === 'prompt' && !e.agentId);
    if (first) setIf(doc, 'title', preview(first.preview, 120));
  }
  const first = plain[0];
  const last = plain[plain.length - 1];
  const start = [s.startedAt && normalizeTs(s.startedAt), first && str(first.ts)]
    .filter(Boolean)
    .sort()[0];
  const end = [s.endedAt && normalizeTs(s.endedAt), last && str(last.ts)]
    .filter(Boolean)
    .sort()
    .pop();
  if (start && (!str(doc.startedAt) || start < str(doc.startedAt))) setIf(doc, 'startedAt', start);
  if (end && end > str(doc.endedAt)) setIf(doc, 'endedAt', end);
  const counts = countEvents(plain);
  if (JSON.stringify(counts) !== JSON.stringify(doc.counts)) doc.counts = counts;
  return { added, merged };
}

function setIf(
  doc: SessionDoc,
  key:
    | 'agent'
    | 'project'
    | 'cwd'
    | 'gitBranch'
    | 'model'
    | 'agentVersion'
    | 'title'
    | 'startedAt'
    | 'endedAt',
  v: string | undefined,
): void {
  if (v === undefined || v === '') return;
  if (str(doc[key]) === v) return;
  (doc as unknown as Record<string, unknown>)[key] = immutableDeep(v);
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

/** Adds the fields an existing event lacks (a pending tool call gains its result). */
function mergeEvent(target: DocEvent, src: DocEvent): boolean {
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
      t[k] = immutableDeep(v);
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
