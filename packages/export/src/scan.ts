import type { BlobRef } from '@trail/model';
import type { Redactor } from '@trail/redact';
import type { BlobText, IndexedEvent, SessionSummary } from '@trail/store/query';

/** Where a finding sits in a session. */
export interface SessionLocation {
  /** The prompt it falls under (0: before the first prompt; null: session metadata). */
  readonly prompt: number | null;
  /** The event's id, or null for session metadata. */
  readonly event: string | null;
  /** Which field: `title`, `prompt`, `assistant`, `input`, `command`, `output`, `patch`, `path`, … */
  readonly field: string;
  /** Whether the text is in the session document (a preview, a path) or in a blob. */
  readonly in: 'document' | 'blob';
  /** 1-based line and column of the finding's start within that field. */
  readonly line: number;
  readonly column: number;
}

/** One finding in a session: what, where, and a masked value (at most four characters). */
export interface SessionFinding {
  readonly kind: string;
  readonly masked: string;
  readonly location: SessionLocation;
}

/** One text of a session with where it came from. */
export interface SessionText {
  readonly text: string;
  readonly prompt: number | null;
  readonly event: string | null;
  readonly field: string;
  readonly in: 'document' | 'blob';
}

const BODY_FIELD: Record<string, string> = {
  prompt: 'prompt',
  assistant: 'assistant',
  reasoning: 'reasoning',
  error: 'error',
  system: 'system',
  unknown: 'raw',
  tool: 'input',
};

/**
 * Every text a session holds, document fields and blobs alike: metadata, previews, commands,
 * paths, and the full prompts, messages, tool inputs, outputs, patches and file contents.
 * Missing blobs (purged) are skipped.
 */
export function* sessionTexts(
  summary: SessionSummary,
  events: readonly IndexedEvent[],
  text: BlobText,
): Generator<SessionText> {
  const meta = (field: string, value: string): SessionText => ({
    text: value,
    prompt: null,
    event: null,
    field,
    in: 'document',
  });
  yield meta('title', summary.title);
  yield meta('project', summary.projectName);
  yield meta('cwd', summary.cwd);
  yield meta('branch', summary.gitBranch);
  for (const e of events) {
    const at = (
      field: string,
      value: string | undefined,
      where: 'document' | 'blob' = 'document',
    ): SessionText | undefined =>
      value ? { text: value, prompt: e.promptNo, event: e.id, field, in: where } : undefined;
    const blob = (field: string, ref: BlobRef | undefined) =>
      ref ? at(field, text(ref), 'blob') : undefined;
    const items = [
      at('preview', e.preview),
      blob(BODY_FIELD[e.kind] ?? e.kind, e.body),
      at('command', e.command),
      at('output', e.outputPreview),
      blob('output', e.output),
      ...(e.reads ?? []).map((p) => at('path', p)),
      ...(e.changes ?? []).flatMap((c) => [
        at('path', c.path),
        at('path', c.fromPath),
        blob('patch', c.patch),
        blob('before', c.before),
        blob('after', c.after),
      ]),
      at('path', e.root),
      ...(e.changed ?? []).map((p) => at('path', p)),
    ];
    for (const item of items) if (item) yield item;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: offset - lastBreak };
}

/** Every finding of `redactor` in a session, in event order, without changing anything. */
export function scanSession(
  input: { summary: SessionSummary; events: readonly IndexedEvent[]; text: BlobText },
  redactor: Redactor,
): SessionFinding[] {
  const out: SessionFinding[] = [];
  for (const t of sessionTexts(input.summary, input.events, input.text)) {
    for (const f of redactor.scan(t.text)) {
      const { line, column } = lineColumn(t.text, f.start);
      out.push({
        kind: f.kind,
        masked: f.masked,
        location: { prompt: t.prompt, event: t.event, field: t.field, in: t.in, line, column },
      });
    }
  }
  return out;
}
