import { applyPatch } from 'diff';
import { attributeAll, carry } from './carry.js';
import type { LineAttr, Origin } from './origin.js';
import { applyPatchLines, parseHunks } from './patch-apply.js';
import { FileState, readSource, type Source } from './state.js';

/** A full view of the file at some moment: a checkpoint's content, or the disk now. */
export interface ObserveStep {
  kind: 'observe';
  /** The content; null when the file did not exist. */
  content: Source;
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
  /** Content before: null for a created file; absent when not recorded. */
  before?: Source;
  /** Content after: null for a deleted file; absent when not recorded. */
  after?: Source;
  /** Unified diff from before to after; applied directly when the state is known to be `before`. */
  patch?: string | Recorded;
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

type Recorded = Exclude<Source, string | null>;

/** The state before any step. */
export function initialState(): FileState {
  return new FileState();
}

function keyOf(s: Source | undefined): string | undefined {
  return s && typeof s === 'object' ? s.key : undefined;
}

/** Moves the state to `text`, charging new lines to `origin`. */
function moveTo(s: FileState, text: string, origin: Origin, key?: string): void {
  s.set(text, carry(s.text(), s.attrs, text, origin), [key]);
}

/** True when the state holds what `src` holds (by key when possible, else by reading). */
function holds(s: FileState, src: Source): boolean | undefined {
  if (s.matchesKey(src)) return true;
  const text = readSource(src);
  if (text === undefined) return undefined;
  return s.text() === (text ?? '');
}

/**
 * Applies one step. Lines that survive keep their attribution; lines that appear are
 * charged to the step's tool call, or to the step's gap origin when they appeared
 * between records (a human between turns, a shell command within a turn).
 */
export function applyStep(s: FileState, step: Step): void {
  if (step.kind === 'adopt') {
    s.set(step.text, step.attrs);
    s.seen = true;
    return;
  }
  if (step.kind === 'observe') observe(s, step);
  else edit(s, step);
}

function observe(s: FileState, step: ObserveStep): void {
  if (step.content !== null) s.seen = true;
  if (s.known && s.matchesKey(step.content)) return;
  const text = readSource(step.content);
  if (text === undefined) return; // unreadable: tells nothing
  if (!s.known) s.set(text ?? '', attributeAll(text ?? '', step.baseline), [keyOf(step.content)]);
  else moveTo(s, text ?? '', step.gap, keyOf(step.content));
}

function edit(s: FileState, step: EditStep): void {
  const { before, after } = step;
  let atBefore = false;
  if (!s.known) {
    const text = before === undefined ? undefined : readSource(before);
    if (typeof text === 'string') s.set(text, attributeAll(text, step.baseline), [keyOf(before)]);
    else if (text === null || (after !== undefined && after !== null)) s.set('', []);
    else return; // a bare patch against content never seen: nothing to anchor it to
    atBefore = text !== undefined;
  } else if (before !== undefined) {
    const same = holds(s, before);
    if (same === false) moveTo(s, readSource(before) ?? '', step.gap, keyOf(before));
    else s.addKey(keyOf(before));
    atBefore = same !== undefined;
  }
  s.seen = true;
  if (after === null) {
    moveTo(s, '', step.origin);
    return;
  }
  // Known to be at `before`: the small patch says what changed, no need to read `after`.
  const patch =
    step.patch === undefined
      ? undefined
      : typeof step.patch === 'string'
        ? step.patch
        : readSource(step.patch);
  if (atBefore && typeof patch === 'string') {
    const hunks = parseHunks(patch);
    if (
      hunks &&
      s.edit((lines, attrs) => applyPatchLines(lines, attrs, hunks, step.origin), keyOf(after))
    )
      return;
  }
  const text = after === undefined ? undefined : readSource(after);
  if (typeof text === 'string') moveTo(s, text, step.origin, keyOf(after));
  else if (typeof patch === 'string') {
    const patched = applyPatch(s.text(), patch, { fuzzFactor: 2 });
    if (typeof patched === 'string') moveTo(s, patched, step.origin);
  }
}

/** Runs every step from the initial state. */
export function replay(steps: readonly Step[]): FileState {
  const s = initialState();
  for (const step of steps) applyStep(s, step);
  return s;
}

export type { Recorded };
