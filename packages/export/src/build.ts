import { TrailError } from '@trail/model';
import {
  DEFAULT_POLICY,
  POLICY_SETTINGS,
  parsePolicy,
  type Policy,
  type Redactor,
} from '@trail/redact';
import type { BlobText, IndexedEvent, SessionSummary } from '@trail/store/query';
import { Sanitizer } from './sanitizer.js';
import { EXPORT_SCHEMA, EXPORT_VERSION, type ExportCounts, type SessionExport } from './schema.js';
import { walkEvents } from './turns.js';

/** A session as the query index holds it: `findSession`, `sessionEvents` and a blob reader. */
export interface ExportInput {
  readonly summary: SessionSummary;
  readonly events: readonly IndexedEvent[];
  /** Reads a blob's text; undefined when it is missing (purged) or unreadable. */
  readonly text: BlobText;
}

/** How to build an export. The redactor is required: there is no export without one. */
export interface ExportOptions {
  /** Applied to every string that leaves; build it with `createRedactor(config)`. */
  readonly redactor: Redactor;
  /** What leaves: `metadata`, `summary` (default) or `trace`. */
  readonly policy?: Policy;
}

function seconds(start: string, end: string): number | null {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 1000) : null;
}

/**
 * Builds the versioned, redacted view of a session that every export format renders (the only
 * way to make one): strings are redacted and cut to the policy's limits, and the finished
 * object is redacted again as a whole and frozen.
 */
export function buildSessionExport(input: ExportInput, options: ExportOptions): SessionExport {
  const san = new Sanitizer((options as Partial<ExportOptions> | undefined)?.redactor as Redactor);
  const policy = options.policy === undefined ? DEFAULT_POLICY : parsePolicy(options.policy);
  const settings = POLICY_SETTINGS[policy];
  const { summary: s, events } = input;
  if (!Array.isArray(events)) {
    throw new TrailError('EXPORT_BAD_INPUT', 'an export needs the session events as an array');
  }
  const walked = walkEvents(events, input.text, s.cwd, san, settings);
  const lines = walked.files.lines;
  const usage = s.usage ?? {};
  const counts: ExportCounts = {
    prompts: walked.prompts.filter((p) => p.index > 0).length,
    toolCalls: walked.toolCalls,
    commands: walked.commands.length,
    commandsFailed: walked.commands.filter((c) => c.status === 'error' || (c.exitCode ?? 0) !== 0)
      .length,
    errors: walked.errors,
    filesRead: walked.files.readCount,
    filesChanged: walked.files.changedCount,
    linesAdded: lines.added,
    linesRemoved: lines.removed,
    tests: walked.tests.length,
    testsFailed: walked.tests.filter((t) => t.passed === false).length,
    subagents: walked.subagents,
    tokens: {
      input: usage['input'] ?? 0,
      output: usage['output'] ?? 0,
      cacheRead: usage['cacheRead'] ?? 0,
      cacheCreate: usage['cacheCreate'] ?? 0,
    },
  };
  const text = settings.include.prompts;
  return san.seal({
    schema: EXPORT_SCHEMA,
    version: EXPORT_VERSION,
    policy,
    session: {
      id: san.text(s.id),
      agent: san.text(s.agent),
      model: san.text(s.model),
      agentVersion: san.text(s.agentVersion),
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      durationSeconds: seconds(s.startedAt, s.endedAt),
      ...(text
        ? {
            title: san.text(s.title, settings.limits.promptChars),
            project: san.text(s.projectName),
            branch: san.text(s.gitBranch),
          }
        : {}),
    },
    counts,
    ...(settings.include.filesTouched ? { files: walked.files.list((p) => san.text(p)) } : {}),
    ...(settings.include.commands ? { commands: walked.commands, tests: walked.tests } : {}),
    ...(text ? { prompts: walked.prompts } : {}),
  });
}
