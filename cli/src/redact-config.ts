import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StorePaths } from '@trail/store/home';
import {
  createRedactor,
  parseRedactConfig,
  type RedactOptions,
  type Redactor,
} from '@trail/redact';

/** The user's redaction configuration: `<home>/redact.json` (docs/redaction.md). */
export function redactConfigFile(paths: StorePaths): string {
  return join(paths.root, 'redact.json');
}

/**
 * The redaction options of the store at `paths`: its `redact.json` when there is one (user
 * patterns, allowlist, e-mail and host name masking), else the defaults. A bad file is an error
 * naming every problem, never a silent fallback to weaker redaction.
 */
export function loadRedactOptions(paths: StorePaths): RedactOptions {
  const file = redactConfigFile(paths);
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw Object.assign(new Error(`${file} is not valid JSON: ${(e as Error).message}`), {
      code: 'REDACT_CONFIG_INVALID',
    });
  }
  return parseRedactConfig(json, file);
}

/** The redactor for what leaves this machine (exports, summaries). */
export function outgoingRedactor(paths: StorePaths): Redactor {
  return createRedactor(loadRedactOptions(paths));
}

/**
 * The redactor for finding secrets (`redact --check`, `purge <session>`): the user's patterns
 * and allowlist, without the home-directory and user-name masking, which are not secrets.
 */
export function secretsRedactor(paths: StorePaths): Redactor {
  return createRedactor({ ...loadRedactOptions(paths), homeDir: null, userName: null });
}
