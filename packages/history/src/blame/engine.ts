import { applyPatch } from 'diff';
import { attributeAll, carry } from './carry.js';
import type { LineAttr, Origin } from './origin.js';

/** A full view of the file at some moment: a checkpoint's content, or the disk now. */
export interface ObserveStep {
  kind: 'observe';
  /** The content; null when the file did not exist. */
  content: string | null;
  /** Who is charged with differences from the previous state (a human, or the turn that just ended). */
  gap: Origin;
  /** Origin of the lines when this is the first time the file is seen ("before trail"). */
  baseline: Origin;
  /** The checkpoint observed, when it is one. */
  checkpoint?: string;
}

/** A recorded change by a tool call, with whatever content it recorded. */
export interface EditStep {
  kind: 'edit';
  /** Content before: a string, null for a created file, undefined when not recorded. */
  before?: string | null;
  /** Content after: a string, null for a deleted file, undefined when not recorded. */
  after?: string | null;
  /** Unified diff, used when `after` was not recorded. */
  patch?: string;
  origin: Origin;
  /** Who is charged when `before` differs from what trail last knew (a shell command in the same turn...). */
  gap: Origin;
  baseline: Origin;
}

/** The file took over another file's lines (it was renamed from it). */
export interface AdoptStep {
  kind: 'adopt';
  text: string;
  attrs: LineAttr[];
}

/** One step of a file's history. */
export type Step = ObserveStep | EditStep | AdoptStep;

/** The file as the steps so far leave it, with each line's attribution. */
export interface BlameState {
  /** Undefined until some step told what the file holds. */
  text: string | undefined;
  attrs: LineAttr[];
  /** True once the file existed in some checkpoint or some recorded change touched it. */
  seen: boolean;
}

/** The state before any step. */
export function initialState(): BlameState {
  return { text: undefined, attrs: [], seen: false };
}

/** Moves the state to `text`, charging new lines to `origin`. */
function moveTo(s: BlameState, text: string, origin: Origin): void {
  s.attrs = carry(s.text ?? '', s.attrs, text, origin);
  s.text = text;
}

/**
 * Applies one step. Lines that survive keep their attribution; lines that appear are
 * charged to the step's tool call, or to the step's gap origin when they appeared
 * between records (a human between turns, a shell command within a turn).
 */
export function applyStep(s: BlameState, step: Step): void {
  if (step.kind === 'adopt') {
    s.text = step.text;
    s.attrs = step.attrs;
    s.seen = true;
    return;
  }
  if (step.kind === 'observe') {
    const text = step.content ?? '';
    if (step.content !== null) s.seen = true;
    if (s.text === undefined) {
      s.text = text;
      s.attrs = attributeAll(text, step.baseline);
    } else moveTo(s, text, step.gap);
    return;
  }
  const { before, after } = step;
  if (s.text === undefined) {
    if (typeof before === 'string') {
      s.text = before;
      s.attrs = attributeAll(before, step.baseline);
    } else if (before === null || typeof after === 'string') {
      s.text = '';
      s.attrs = [];
    } else return; // a bare patch against content never seen: nothing to anchor it to
  } else if (before !== undefined) moveTo(s, before ?? '', step.gap);
  s.seen = true;
  let next: string | undefined;
  if (after !== undefined) next = after ?? '';
  else if (step.patch !== undefined) {
    const patched = applyPatch(s.text, step.patch, { fuzzFactor: 2 });
    if (typeof patched === 'string') next = patched;
  }
  if (next !== undefined) moveTo(s, next, step.origin);
}

/** Runs every step from the initial state. */
export function replay(steps: readonly Step[]): BlameState {
  const s = initialState();
  for (const step of steps) applyStep(s, step);
  return s;
}
