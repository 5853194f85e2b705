import {
  PREVIEW_CHARS,
  diffstat,
  preview,
  type BlobRef,
  type CapturedEvent,
  type DocEvent,
  type DocFileChange,
  type FileChange,
  type PreviewRedactor,
} from '@trail/model';
import type { BlobStore } from './blobs.js';

/** Outputs longer than this are kept only in blobs; the document keeps a preview. */
const OUTPUT_PREVIEW = 160;

/** Text redacted beyond what a preview shows: twice the longest secret (a 4096-bit PEM key). */
const REDACT_MARGIN = 8192;

/**
 * A document preview: redacted BEFORE it is cut, since a secret cut in half no longer matches
 * its pattern and its first half would enter the document's history for good. Only a head of
 * the text is redacted (a 50 MB output needs no full scan for a 160-character preview), unless
 * redaction shrank that head so much that a secret cut at its end could reach the preview.
 */
export function cleanPreview(redact: PreviewRedactor, text: string, max = PREVIEW_CHARS): string {
  const window = max * 4;
  if (text.length <= window + REDACT_MARGIN) return preview(redact(text), max);
  const head = redact(text.slice(0, window + REDACT_MARGIN));
  return preview(head.length >= window + REDACT_MARGIN / 2 ? head : redact(text), max);
}

/**
 * Splits one captured event into its document form (structure, counts, redacted previews)
 * and blobs (the full text). Fields that are absent stay absent: Automerge has no undefined.
 */
export function toDocEvent(e: CapturedEvent, blobs: BlobStore, redact: PreviewRedactor): DocEvent {
  const base: DocEvent = { id: e.id, kind: e.kind, ts: normalizeTs(e.ts), preview: '' };
  if (e.agentId) base.agentId = e.agentId;
  if (e.parentToolId) base.parentToolId = e.parentToolId;
  switch (e.kind) {
    case 'prompt':
    case 'reasoning':
      base.preview = cleanPreview(redact, e.text);
      if (e.text.length > 0) base.body = blobs.put(e.text, 'text');
      return base;
    case 'assistant':
      base.preview = cleanPreview(redact, e.text);
      if (e.text.length > 0) base.body = blobs.put(e.text, 'text');
      if (e.model) base.model = e.model;
      return base;
    case 'error':
      base.preview = cleanPreview(redact, e.message);
      if (e.message.length > 0) base.body = blobs.put(e.message, 'text');
      return base;
    case 'system':
      base.subtype = e.subtype;
      base.preview = cleanPreview(redact, e.text ?? e.subtype);
      if (e.text) base.body = blobs.put(e.text, 'text');
      return base;
    case 'unknown':
      base.subtype = e.recordType;
      base.preview = e.recordType;
      base.body = blobs.put(e.raw, 'json');
      return base;
    case 'checkpoint':
      base.checkpointId = e.checkpointId;
      base.subtype = e.moment;
      if (e.root) base.root = e.root;
      base.preview = `checkpoint ${e.moment}`;
      if (e.changed && e.changed.length > 0) base.changed = [...e.changed];
      return base;
    case 'tool': {
      base.tool = e.name;
      base.category = e.category;
      base.status = e.status;
      base.preview = cleanPreview(redact, toolPreview(e.name, e.command, e.input));
      if (e.input !== undefined) base.body = blobs.put(JSON.stringify(e.input), 'json');
      if (e.command !== undefined) base.command = cleanPreview(redact, e.command, 400);
      if (e.exitCode !== undefined) base.exitCode = e.exitCode;
      const out = e.output ?? e.error;
      if (out !== undefined && out.length > 0) {
        base.output = blobs.put(out, 'text');
        base.outputPreview = cleanPreview(redact, out, OUTPUT_PREVIEW);
      }
      if (e.reads && e.reads.length > 0) base.reads = [...e.reads];
      if (e.changes && e.changes.length > 0)
        base.changes = e.changes.map((c) => toDocChange(c, blobs));
      if (e.durationMs !== undefined) base.durationMs = e.durationMs;
      if (e.spawnedAgentId) base.spawnedAgentId = e.spawnedAgentId;
      if (e.terminal && e.terminal.length > 0) base.terminal = blobs.put(e.terminal, 'terminal');
      return base;
    }
  }
}

function toDocChange(c: FileChange, blobs: BlobStore): DocFileChange {
  const d: DocFileChange = { path: c.path, op: c.op, added: c.added, removed: c.removed };
  if (c.fromPath) d.fromPath = c.fromPath;
  if (c.patch) {
    d.patch = blobs.put(c.patch, 'patch');
    if (c.added === 0 && c.removed === 0) Object.assign(d, diffstat(c.patch));
  }
  if (typeof c.before === 'string') d.before = blobs.put(c.before, 'text');
  if (typeof c.after === 'string') d.after = blobs.put(c.after, 'text');
  return d;
}

function toolPreview(name: string, command: string | undefined, input: unknown): string {
  if (command) return command;
  if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    for (const k of [
      'file_path',
      'path',
      'notebook_path',
      'pattern',
      'url',
      'query',
      'description',
      'prompt',
      'skill',
    ]) {
      const v = o[k];
      if (typeof v === 'string') return `${name} ${v}`;
    }
  }
  return name;
}

/** Canonical ISO-8601 UTC timestamps, so they sort as strings. */
export function normalizeTs(ts: string): string {
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : d.toISOString();
}

/** Blob references held by an event, for purge and sync. */
export function blobsOf(e: DocEvent): BlobRef[] {
  const out: BlobRef[] = [];
  if (e.body) out.push(e.body);
  if (e.output) out.push(e.output);
  if (e.terminal) out.push(e.terminal);
  for (const c of e.changes ?? []) for (const b of [c.patch, c.before, c.after]) if (b) out.push(b);
  return out;
}
