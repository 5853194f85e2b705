// @trail/export: what leaves the machine for a reviewer. A session from the query index becomes
// a redacted, versioned view (buildSessionExport, the only constructor, which requires a
// redactor), rendered as Markdown, one self-contained HTML page, or JSON.
export { buildSessionExport, type ExportInput, type ExportOptions } from './build.js';
export { isSealedExport, isSealed, countPlaceholders } from './sanitizer.js';
export * from './schema.js';
export { isTestCommand } from './tests.js';
export {
  EXPORT_FORMATS,
  parseFormat,
  renderExport,
  renderJson,
  type ExportFormat,
} from './render/index.js';
export { renderMarkdown, GITHUB_BODY_LIMIT } from './render/markdown.js';
export { renderHtml } from './render/html.js';
export { highlightDiff, highlightLine, languageOf, escapeHtml } from './render/highlight.js';
export {
  scanSession,
  sessionTexts,
  lineColumn,
  type SessionFinding,
  type SessionLocation,
  type SessionText,
} from './scan.js';
export { linkCommits, activityOf, type CommitInfo } from './pr/match.js';
export {
  buildPrSummary,
  PR_SUMMARY_SCHEMA,
  type PrInput,
  type PrSummary,
  type PrSession,
  type PrCommit,
} from './pr/build.js';
export { renderPrSummary } from './pr/render.js';
