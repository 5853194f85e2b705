import type { BuiltinKind } from '../kinds.js';

/** A token format with a recognisable prefix that secretlint's rule set does not cover. */
export interface TokenRule {
  readonly kind: BuiltinKind;
  readonly anchors: readonly string[];
  readonly anchorsIgnoringCase?: readonly string[];
  /** Global regex; group 1, when present, is the part to replace. */
  readonly regex: RegExp;
  readonly gate?: (text: string) => boolean;
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const re = (source: string, flags = 'g'): RegExp => new RegExp(source, flags);

/**
 * Formats added to secretlint's: Google, Azure, Discord, Telegram, Twilio, Mailgun, PyPI, Heroku,
 * DigitalOcean and AI-provider keys, plus wider Anthropic/OpenAI/GitLab shapes (admin and OAuth
 * keys, keys cut short in transcripts). Each has a fixture in the test corpus.
 */
export const TOKEN_RULES: readonly TokenRule[] = [
  {
    // secretlint's rule needs a word boundary after the key, so keys ending in + or / escape it
    kind: 'aws-secret-key',
    anchors: [],
    anchorsIgnoringCase: ['secret_access_key', 'secretaccesskey', 'secret-access-key'],
    regex: re(
      `secret[_-]?access[_-]?key["']?[ \\t]*(?::|=>?)[ \\t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
  },
  {
    // secretlint's rule allows no - or _ in the first two parts, which base64url keys have
    kind: 'sendgrid-api-key',
    anchors: ['SG.'],
    regex: re(`(?<![A-Za-z0-9_-])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`),
  },
  { kind: 'gcp-api-key', anchors: ['AIza'], regex: re(`${B}AIza[0-9A-Za-z_-]{35}${E}`) },
  {
    kind: 'google-oauth-client-secret',
    anchors: ['GOCSPX-'],
    regex: re(`GOCSPX-[A-Za-z0-9_-]{28}${E}`),
  },
  { kind: 'google-oauth-token', anchors: ['ya29.'], regex: re(`${B}ya29\\.[A-Za-z0-9_-]{20,}`) },
  {
    kind: 'google-oauth-token',
    anchors: ['1//0'],
    regex: re(`(?<![A-Za-z0-9/:])1//0[A-Za-z0-9_-]{40,}`),
  },
  {
    kind: 'azure-storage-key',
    anchors: [],
    anchorsIgnoringCase: ['accountkey='],
    regex: re(`AccountKey=([A-Za-z0-9+/]{40,100}={0,2})`, 'gi'),
  },
  {
    kind: 'azure-connection-string',
    anchors: [],
    anchorsIgnoringCase: ['sharedaccesskey='],
    regex: re(`SharedAccessKey=([A-Za-z0-9+/]{20,100}={0,2})`, 'gi'),
  },
  {
    kind: 'azure-sas-token',
    anchors: ['sig='],
    gate: (t) => t.includes('sv='),
    regex: re(`[?&;]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})`),
  },
  {
    kind: 'discord-bot-token',
    anchors: [],
    gate: (t) => t.includes('.'),
    regex: re(`${B}[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}${E}`),
  },
  {
    kind: 'discord-webhook',
    anchors: ['/api/webhooks/'],
    regex: re(
      `https://(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,68})`,
    ),
  },
  {
    kind: 'telegram-bot-token',
    anchors: [':AA'],
    regex: re(`(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}${E}`),
  },
  { kind: 'stripe-webhook-secret', anchors: ['whsec_'], regex: re(`whsec_[A-Za-z0-9+/]{32,}`) },
  {
    // no anchor: a case-folded `sk` would match every `task` and `risk`; the regex is quick
    kind: 'twilio-api-key',
    anchors: [],
    regex: re(`(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])`),
  },
  {
    kind: 'mailgun-api-key',
    anchors: ['key-'],
    regex: re(`(?<![A-Za-z0-9])key-[0-9a-f]{32}(?![A-Za-z0-9])`),
  },
  { kind: 'pypi-token', anchors: ['pypi-AgE'], regex: re(`pypi-AgE[A-Za-z0-9_-]{50,}`) },
  { kind: 'heroku-api-key', anchors: ['HRKU-'], regex: re(`HRKU-[A-Za-z0-9_-]{58,64}${E}`) },
  {
    kind: 'digitalocean-token',
    anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    regex: re(`do[opr]_v1_[a-f0-9]{64}`),
  },
  {
    kind: 'anthropic-api-key',
    anchors: ['sk-ant-'],
    regex: re(`${B}sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{32,}`),
  },
  {
    kind: 'openai-api-key',
    anchors: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    regex: re(`${B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}`),
  },
  { kind: 'xai-api-key', anchors: ['xai-'], regex: re(`${B}xai-[A-Za-z0-9]{70,90}${E}`) },
  { kind: 'openrouter-api-key', anchors: ['sk-or-v1-'], regex: re(`sk-or-v1-[a-f0-9]{64}`) },
  { kind: 'perplexity-api-key', anchors: ['pplx-'], regex: re(`${B}pplx-[A-Za-z0-9]{48}${E}`) },
  { kind: 'replicate-api-token', anchors: ['r8_'], regex: re(`${B}r8_[A-Za-z0-9]{37}${E}`) },
  {
    kind: 'tavily-api-key',
    anchors: ['tvly-'],
    regex: re(`${B}tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}${E}`),
  },
  {
    kind: 'langsmith-api-key',
    anchors: ['lsv2_'],
    regex: re(`lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`),
  },
  { kind: 'supabase-token', anchors: ['sbp_'], regex: re(`${B}sbp_[a-f0-9]{40}${E}`) },
  { kind: 'postman-api-key', anchors: ['PMAK-'], regex: re(`PMAK-[a-f0-9]{24}-[a-f0-9]{34}`) },
  {
    kind: 'gitlab-token',
    anchors: ['glptt-', 'gldt-', 'glrt-', 'glft-', 'glcbt-', 'glimt-', 'glsoat-', 'GR1348941'],
    regex: re(
      `${B}(?:gl(?:ptt|dt|rt|ft|cbt|imt|soat)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,})`,
    ),
  },
  {
    kind: 'age-secret-key',
    anchors: ['AGE-SECRET-KEY-1'],
    regex: re(`AGE-SECRET-KEY-1[0-9A-Z]{58}`),
  },
];
