import { stableHash } from '@trail/model';
import { arr, isObj, num, obj, str, text, type Obj } from './json.js';
import { classifyUserText, promptText } from './prompt.js';
import { CONTEXT_ATTACHMENTS, METADATA_TYPES, SKIPPED_TYPES } from './record-policy.js';
import type { RawRecord } from './records.js';
import type { Scope, SessionSink } from './sink.js';
import type { ThreadStatus } from './thread.js';
import { emitPrompt, emitSystem, recordHash } from './emit-user.js';

/** Keeps a record verbatim as an unknown event (`u-<uuid or hash of the line>`). */
export function emitUnknown(sink: SessionSink, rec: RawRecord, scope: Scope): void {
  const raw = rec.raw ?? JSON.stringify(rec.o);
  const id = `u-${rec.uuid ?? stableHash(raw)}`;
  sink.emit({ kind: 'unknown', id, ts: rec.ts ?? '', recordType: rec.type, raw, ...scope }, rec);
}

/** Emits a `system` record: an `error` for API errors, else a system event of its subtype. */
export function emitSystemRecord(
  sink: SessionSink,
  rec: RawRecord,
  status: ThreadStatus,
  scope: Scope,
): void {
  if (status === 'abandoned') {
    sink.skipped++;
    return;
  }
  const o = rec.o;
  const subtype = text(o.subtype) ?? 'system';
  if (subtype === 'api_error') {
    sink.emit(
      {
        kind: 'error',
        id: `e-${rec.uuid ?? recordHash(rec)}`,
        ts: rec.ts ?? '',
        message: apiErrorText(o),
        ...scope,
      },
      rec,
    );
    return;
  }
  emitSystem(sink, rec, subtype, systemText(o, subtype), scope);
}

function apiErrorText(o: Obj): string {
  const e = o.error;
  const inner = obj(obj(e).error);
  const msg =
    str(e) ??
    str(obj(e).message) ??
    str(inner.message) ??
    (e === undefined ? str(o.content) : JSON.stringify(e)) ??
    'API error';
  const attempt = num(o.retryAttempt);
  const max = num(o.maxRetries);
  const wait = num(o.retryInMs);
  return attempt !== undefined
    ? `${msg} (retry ${attempt}${max !== undefined ? `/${max}` : ''}${wait !== undefined ? ` in ${wait} ms` : ''})`
    : msg;
}

function systemText(o: Obj, subtype: string): string | undefined {
  const content = str(o.content);
  switch (subtype) {
    case 'compact_boundary': {
      const meta = obj(o.compactMetadata);
      const trigger = str(meta.trigger);
      const pre = num(meta.preTokens);
      const detail = [trigger, pre !== undefined ? `${pre} tokens before` : undefined]
        .filter(Boolean)
        .join(', ');
      return `${content ?? 'Conversation compacted'}${detail ? ` (${detail})` : ''}`;
    }
    case 'local_command':
      return content !== undefined ? classifyUserText(content).text : undefined;
    case 'turn_duration': {
      const ms = num(o.durationMs);
      return ms !== undefined ? `${ms} ms` : content;
    }
    case 'stop_hook_summary': {
      const hooks = arr(o.hookInfos).map((h) => str(obj(h).command) ?? '?');
      const errors = arr(o.hookErrors).map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
      const lines = [...hooks.map((h) => `hook: ${h}`), ...errors.map((e) => `error: ${e}`)];
      if (o.preventedContinuation === true)
        lines.push(`stopped: ${str(o.stopReason) ?? 'prevented continuation'}`);
      return lines.join('\n') || content;
    }
    default:
      return (
        content ??
        (isObj(o.content) || Array.isArray(o.content) ? JSON.stringify(o.content) : undefined)
      );
  }
}

/** Emits an `attachment` record per the policy table (record-policy.ts). */
export function emitAttachment(
  sink: SessionSink,
  rec: RawRecord,
  status: ThreadStatus,
  scope: Scope,
): void {
  const a = rec.o.attachment as Obj;
  const kind = str(a.type) ?? '';
  if (kind === 'queued_command') {
    const mode = str(a.commandMode);
    const origin = str(obj(a.origin).kind);
    const body = promptText(a.prompt);
    const c = classifyUserText(body);
    if (
      (mode === undefined || mode === 'prompt') &&
      (origin === undefined || origin === 'human') &&
      c.kind === 'prompt'
    ) {
      emitPrompt(sink, rec, c.text, status, scope);
      return;
    }
    if (status === 'abandoned') sink.skipped++;
    else {
      const sub =
        mode === 'task-notification' || origin === 'task-notification'
          ? 'task_notification'
          : c.kind !== 'prompt'
            ? c.kind
            : `queued_${mode ?? origin ?? 'command'}`;
      emitSystem(sink, rec, sub, c.text, scope);
    }
    return;
  }
  if (/^hook_.*error/.test(kind)) {
    if (status === 'abandoned') sink.skipped++;
    else {
      const detail =
        str(a.stderr) ??
        str(a.content) ??
        str(a.blockingError) ??
        JSON.stringify(a.blockingError ?? '');
      const hook = str(a.hookName) ?? str(a.hookEvent) ?? 'hook';
      emitSystem(sink, rec, 'hook_error', `${hook}: ${detail}`.trim(), scope);
    }
    return;
  }
  if (CONTEXT_ATTACHMENTS.has(kind)) {
    sink.skipped++;
    return;
  }
  emitUnknown(sink, { ...rec, type: `attachment:${kind}` }, scope);
}

/** Emits the small records that carry no uuid but matter: pull-request links and teleports. */
export function emitLinkRecord(sink: SessionSink, rec: RawRecord, scope: Scope): void {
  const o = rec.o;
  if (rec.type === 'pr-link') {
    const url = str(o.prUrl) ?? '';
    const label = [
      str(o.prRepository),
      num(o.prNumber) !== undefined ? `#${num(o.prNumber)}` : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    const id = `s-${rec.uuid ?? stableHash(sink.sessionId, 'pr-link', url || JSON.stringify(o))}`;
    emitSystem(sink, rec, 'pr_link', [label, url].filter(Boolean).join(' '), scope, id);
    return;
  }
  const from = str(o.remoteSessionId) ?? '';
  const branch = str(o.branch);
  const id = `s-${rec.uuid ?? stableHash(sink.sessionId, 'teleported-from', from)}`;
  emitSystem(sink, rec, 'teleported_from', `${from}${branch ? ` (${branch})` : ''}`, scope, id);
}

/** True for records whose only use is session metadata (title, current leaf). */
export function isMetadataRecord(rec: RawRecord): boolean {
  return METADATA_TYPES.has(rec.type) && !rec.broken;
}

/** True for records the policy drops on purpose. */
export function isSkippedRecord(rec: RawRecord): boolean {
  return SKIPPED_TYPES.has(rec.type) && !rec.broken;
}
