export { scanText, redactText, redactValue, redactorFor } from './api.js';
export { createRedactor, type Redactor } from './redactor.js';
export type { Finding } from './finding.js';
export {
  BUILTIN_KINDS,
  HOME_PLACEHOLDER,
  USER_PLACEHOLDER,
  placeholder,
  isBuiltinKind,
  type BuiltinKind,
  type FindingKind,
} from './kinds.js';
export type { RedactOptions, RedactPattern, AllowEntry } from './options.js';
export { parseRedactConfig, type RedactConfig } from './config.js';
export {
  RedactError,
  isRedactError,
  REDACT_ERROR_CODES,
  type RedactErrorCode,
  type ConfigIssue,
} from './redact-error.js';
export {
  POLICIES,
  POLICY_SETTINGS,
  DEFAULT_POLICY,
  isPolicy,
  parsePolicy,
  type Policy,
  type PolicySettings,
  type PolicyContents,
  type PolicyLimits,
} from './policy.js';
export { truncate, defaultMarker, type TruncationMarker } from './truncate.js';
export { redactPreview, previewRedactor } from './preview.js';
export { EXCLUDED_RULES } from './secretlint/rules.js';
