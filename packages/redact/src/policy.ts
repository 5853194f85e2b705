import { RedactError } from './redact-error.js';
import { closest } from './text/closest.js';

/** Every sharing policy, from least to most revealing. */
export const POLICIES = ['metadata', 'summary', 'trace'] as const;

/** How much of a session leaves the machine: `metadata` < `summary` < `trace`. */
export type Policy = (typeof POLICIES)[number];

/** The policy `trail share` uses when none is given. */
export const DEFAULT_POLICY: Policy = 'summary';

/** What a policy lets through. Everything textual passes through the redactor first. */
export interface PolicyContents {
  /** Counts of prompts, tool calls, files, commands, errors; always included. */
  readonly counts: boolean;
  /** The user's prompts, redacted and truncated to `promptChars`. */
  readonly prompts: boolean;
  /** Paths of files read and changed. */
  readonly filesTouched: boolean;
  /** Lines added and removed per file. */
  readonly diffstat: boolean;
  /** Commands run, redacted and truncated to `commandChars`. */
  readonly commands: boolean;
  /** Exit status of each command. */
  readonly exitStatus: boolean;
  /** Test results, errors and the final state of the session. */
  readonly outcomes: boolean;
  /** Whole file contents: never, under any policy. */
  readonly fileContents: false;
  /** Redacted patches, truncated to `patchChars` per file. */
  readonly patches: boolean;
  /** Command and tool outputs, redacted and truncated to `outputChars` each. */
  readonly outputs: boolean;
}

/** Truncation limits in characters; 0 where the policy excludes the content. */
export interface PolicyLimits {
  readonly promptChars: number;
  readonly commandChars: number;
  readonly outcomeChars: number;
  readonly patchChars: number;
  readonly outputChars: number;
}

/** A policy as data: what it includes and how much of each thing. */
export interface PolicySettings {
  readonly policy: Policy;
  /** One line for people (`--help`, `--dry-run`). */
  readonly description: string;
  readonly include: PolicyContents;
  readonly limits: PolicyLimits;
}

function freeze(settings: PolicySettings): PolicySettings {
  Object.freeze(settings.include);
  Object.freeze(settings.limits);
  return Object.freeze(settings);
}

/** The settings of every policy. */
export const POLICY_SETTINGS: Readonly<Record<Policy, PolicySettings>> = Object.freeze({
  metadata: freeze({
    policy: 'metadata',
    description:
      'counts only: how many prompts, tool calls, files, commands and errors; no text at all',
    include: {
      counts: true,
      prompts: false,
      filesTouched: false,
      diffstat: false,
      commands: false,
      exitStatus: false,
      outcomes: false,
      fileContents: false,
      patches: false,
      outputs: false,
    },
    limits: { promptChars: 0, commandChars: 0, outcomeChars: 0, patchChars: 0, outputChars: 0 },
  }),
  summary: freeze({
    policy: 'summary',
    description:
      'prompts, files touched with their diffstat, commands with exit status, outcomes; no file contents and no outputs',
    include: {
      counts: true,
      prompts: true,
      filesTouched: true,
      diffstat: true,
      commands: true,
      exitStatus: true,
      outcomes: true,
      fileContents: false,
      patches: false,
      outputs: false,
    },
    limits: {
      promptChars: 2000,
      commandChars: 500,
      outcomeChars: 500,
      patchChars: 0,
      outputChars: 0,
    },
  }),
  trace: freeze({
    policy: 'trace',
    description: 'everything in summary plus redacted patches and redacted outputs, truncated',
    include: {
      counts: true,
      prompts: true,
      filesTouched: true,
      diffstat: true,
      commands: true,
      exitStatus: true,
      outcomes: true,
      fileContents: false,
      patches: true,
      outputs: true,
    },
    limits: {
      promptChars: 8000,
      commandChars: 2000,
      outcomeChars: 2000,
      patchChars: 20000,
      outputChars: 4000,
    },
  }),
});

/** True when `value` names a policy. */
export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'string' && (POLICIES as readonly string[]).includes(value);
}

/** Parses a policy name (e.g. from `--policy`); throws `REDACT_UNKNOWN_POLICY` with a suggestion. */
export function parsePolicy(value: string): Policy {
  if (isPolicy(value)) return value;
  const hint = closest(value, POLICIES);
  throw new RedactError(
    'REDACT_UNKNOWN_POLICY',
    `unknown policy "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${POLICIES.join(', ')}`,
    { value, ...(hint && { suggestion: hint }) },
  );
}
