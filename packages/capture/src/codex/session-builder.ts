import type { AssistantEvent, CapturedEvent, CapturedSession, ToolEvent } from '@trail/model';
import { EventIds } from './ids.js';
import { KnownFiles } from './known-files.js';
import type { ProblemLog } from './problem.js';
import type { CodexImportStats, CodexTokenUsage } from './stats.js';
import { buildToolEvent, type CodexToolCall } from './tool-call.js';
import { applyToolOutput, settleRunningProcess } from './tool-result.js';
import { UsageAttribution } from './usage.js';

/** Session metadata from `session_meta` (or a legacy header). */
export interface CodexMeta {
  id: string;
  ts?: string;
  cwd?: string;
  cliVersion?: string;
  gitBranch?: string;
}

/**
 * Accumulates one Codex session from records in file order: assigns stable ids, pairs tool
 * calls with their outputs by call id, follows the turn's cwd and model, and counts what it
 * saw. The era-specific readers only translate records into these calls.
 */
export class CodexSessionBuilder {
  /** 1-based line of the record being handled, for problems. */
  line = 0;
  private readonly ids: EventIds;
  private readonly events: CapturedEvent[] = [];
  private readonly tools = new Map<string, ToolEvent>();
  private readonly running = new Map<number, ToolEvent>();
  private readonly known = new KnownFiles();
  private readonly models = new Map<string, number>();
  private readonly session: CapturedSession;
  private readonly usageSplit = new UsageAttribution();
  private turnCwd: string | undefined;
  private model: string | undefined;

  constructor(
    meta: CodexMeta,
    private readonly stats: CodexImportStats,
    private readonly log: ProblemLog,
  ) {
    this.ids = new EventIds(meta.id);
    this.session = { id: meta.id, agent: 'codex', events: this.events };
    if (meta.cwd) this.session.cwd = meta.cwd;
    if (meta.cliVersion) this.session.agentVersion = meta.cliVersion;
    if (meta.gitBranch) this.session.gitBranch = meta.gitBranch;
    if (meta.ts) this.touch(meta.ts);
  }

  /** The session id. */
  get id(): string {
    return this.session.id;
  }

  /** Widens the session's time span to include `ts`. */
  touch(ts: string): void {
    if (!ts) return;
    if (!this.session.startedAt || ts < this.session.startedAt) this.session.startedAt = ts;
    if (!this.session.endedAt || ts > this.session.endedAt) this.session.endedAt = ts;
  }

  /** Sets the session cwd when no record has given one yet. */
  fallbackCwd(cwd: string): void {
    if (!this.session.cwd) this.session.cwd = cwd;
  }

  /** A `turn_context`: the turn's cwd and model. */
  turnContext(cwd: string | undefined, model: string | undefined): void {
    if (cwd) {
      this.fallbackCwd(cwd);
      this.turnCwd = cwd;
    }
    if (model) {
      this.model = model;
      this.models.set(model, (this.models.get(model) ?? 0) + 1);
    }
  }

  /** A human prompt. */
  prompt(text: string, ts: string): void {
    this.stats.prompts++;
    this.push({ id: this.ids.prompt(text), kind: 'prompt', ts, text });
  }

  /** Text the assistant wrote. */
  assistant(text: string, ts: string): void {
    this.stats.assistantMessages++;
    const e: AssistantEvent = { id: this.ids.assistant(text), kind: 'assistant', ts, text };
    if (this.model) e.model = this.model;
    this.usageSplit.assistant(e);
    this.push(e);
  }

  /** A reasoning summary. */
  reasoning(text: string, ts: string): void {
    this.stats.reasoning++;
    this.push({ id: this.ids.keyed('r', text), kind: 'reasoning', ts, text });
  }

  /** A tool call; its output arrives later through {@link toolOutput}. */
  toolCall(call: CodexToolCall): void {
    if (!call.callId)
      call.callId = this.ids.keyed('c', call.name, call.ts, JSON.stringify(call.input) ?? '');
    if (this.tools.has(call.callId)) {
      this.log.add(this.line, `tool call ${call.callId} appears twice; the repeat is ignored`);
      return;
    }
    const ctx =
      this.turnCwd && this.turnCwd !== this.session.cwd
        ? { cwd: this.session.cwd, turnCwd: this.turnCwd, known: this.known }
        : { cwd: this.session.cwd, known: this.known };
    const built = buildToolEvent(call, ctx);
    for (const w of built.warnings) this.log.add(this.line, w);
    this.stats.tools++;
    if (built.event.command !== undefined) this.stats.commands++;
    this.stats.patches += built.patches;
    this.stats.patchFiles += built.patchFiles;
    this.stats.heredocWrites += built.heredocWrites;
    this.tools.set(call.callId, built.event);
    this.push(built.event);
  }

  /** The output of a call, matched by call id; false when no call has that id. */
  toolOutput(callId: string, output: unknown, ts: string): boolean {
    const event = this.tools.get(callId);
    if (!event) {
      this.log.add(
        this.line,
        `output for unknown tool call ${callId || '(no call id)'} kept as an unknown record`,
      );
      return false;
    }
    if (event.status !== 'pending' && event.status !== 'interrupted') {
      this.log.add(this.line, `second output for tool call ${callId} ignored`);
      return true;
    }
    this.touch(ts);
    const parsed = applyToolOutput(event, output);
    if (parsed.runningSession !== undefined) this.running.set(parsed.runningSession, event);
    const input = event.input as { session_id?: unknown } | undefined;
    if (
      event.name === 'write_stdin' &&
      typeof input?.session_id === 'number' &&
      parsed.exitCode !== undefined
    ) {
      const started = this.running.get(input.session_id);
      if (started) settleRunningProcess(started, parsed.exitCode);
      this.running.delete(input.session_id);
    }
    return true;
  }

  /** Authoritative completion data from an `exec_command_end`-style event. */
  toolEnded(callId: string, exitCode: number | undefined): void {
    const event = this.tools.get(callId);
    if (event && exitCode !== undefined && event.category === 'command')
      settleRunningProcess(event, exitCode);
  }

  /** Agent bookkeeping (compaction, aborted turn, review mode...). */
  system(subtype: string, text: string | undefined, ts: string): void {
    const e: CapturedEvent = {
      id: this.ids.keyed('s', subtype, ts, text ?? ''),
      kind: 'system',
      ts,
      subtype,
    };
    if (text) e.text = text;
    this.push(e);
  }

  /** The turn was interrupted: calls still waiting for output will never get one. */
  abortTurn(reason: string | undefined, ts: string): void {
    for (const e of this.tools.values()) if (e.status === 'pending') e.status = 'interrupted';
    this.system('turn_aborted', reason, ts);
  }

  /** An error the agent reported outside a tool call. */
  error(message: string, ts: string): void {
    this.push({ id: this.ids.keyed('e', message, ts), kind: 'error', ts, message });
  }

  /** A ghost snapshot (an undo commit Codex took of the working tree). */
  checkpoint(commitId: string, ts: string): void {
    this.push({
      id: `g-${commitId}`,
      kind: 'checkpoint',
      ts,
      checkpointId: commitId,
      moment: 'start',
    });
  }

  /** A record this importer does not understand, kept verbatim. */
  unknown(recordType: string, raw: string, ts: string): void {
    this.stats.unknown++;
    this.push({ id: this.ids.keyed('u', raw), kind: 'unknown', ts, recordType, raw });
  }

  /** Session token usage so far (each `token_count` carries the running total). */
  usage(u: CodexTokenUsage): void {
    this.stats.usage = u;
    this.usageSplit.total(u);
  }

  /** The finished session; the main model is the one most turns used. */
  finish(): CapturedSession {
    this.usageSplit.finish();
    let best = 0;
    for (const [m, n] of this.models)
      if (n > best) {
        best = n;
        this.session.model = m;
      }
    return this.session;
  }

  private push(e: CapturedEvent): void {
    this.touch(e.ts);
    this.events.push(e);
  }
}
