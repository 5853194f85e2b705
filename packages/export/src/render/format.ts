import type { ExportCommand, ExportFileOp, SessionExport } from '../schema.js';

// Wording shared by the Markdown and HTML renderers. Times are UTC, so an export reads the
// same wherever it is rendered and `--dry-run` shows exactly what is written.

/** `2026-11-21 14:03 UTC`. */
export function utc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '–';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `42s`, `17 min`, `2 h 05 min`. */
export function span(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const m = Math.round((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)} h ${String(m).padStart(2, '0')} min`;
}

/** `1 file`, `3 files`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** `created`, `modified`, … */
export function opWord(op: ExportFileOp): string {
  return {
    read: 'read',
    create: 'created',
    modify: 'modified',
    delete: 'deleted',
    rename: 'renamed',
  }[op];
}

/** `✓`, `✗ exit 3`, `… running`. */
export function commandResult(c: Pick<ExportCommand, 'exitCode' | 'status'>): string {
  if (c.status === 'pending') return '… running';
  if (c.status === 'interrupted') return '✗ interrupted';
  if (c.exitCode !== null && c.exitCode !== 0) return `✗ exit ${c.exitCode}`;
  if (c.status === 'error') return '✗ failed';
  return '✓';
}

/** The one-line headline counts of an export. */
export function headline(x: SessionExport): string {
  const c = x.counts;
  const parts = [
    plural(c.prompts, 'prompt'),
    plural(c.toolCalls, 'tool call'),
    `${plural(c.filesChanged, 'file')} changed (+${c.linesAdded} −${c.linesRemoved})`,
    `${plural(c.commands, 'command')}${c.commandsFailed ? ` (${c.commandsFailed} failed)` : ''}`,
  ];
  if (c.tests)
    parts.push(
      `${plural(c.tests, 'test run')}${c.testsFailed ? `, ${c.testsFailed} failed` : ', all passed'}`,
    );
  if (c.errors) parts.push(plural(c.errors, 'error'));
  return parts.join(' · ');
}

/** What was redacted, for the footer: `3 values redacted (github-token ×2, email)`. */
export function redactionNote(x: SessionExport): string {
  const entries = Object.entries(x.redactions);
  const total = entries.reduce((n, [, k]) => n + k, 0);
  if (total === 0) return 'nothing needed redacting';
  const kinds = entries.map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
  return `${plural(total, 'value')} redacted (${kinds})`;
}

/** The title line: the session's title, else its agent and start. */
export function titleOf(x: SessionExport): string {
  return x.session.title || `${x.session.agent} session of ${utc(x.session.startedAt)}`;
}
