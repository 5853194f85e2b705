/**
 * Every built-in finding kind, most specific first. The order is the priority when two
 * findings overlap: the merged finding takes the kind that comes first here.
 */
export const BUILTIN_KINDS = [
  'private-key',
  'age-secret-key',
  'aws-access-key',
  'aws-secret-key',
  'aws-account-id',
  'github-token',
  'gitlab-token',
  'slack-token',
  'slack-webhook',
  'discord-bot-token',
  'discord-webhook',
  'telegram-bot-token',
  'stripe-secret-key',
  'stripe-restricted-key',
  'stripe-webhook-secret',
  'twilio-api-key',
  'sendgrid-api-key',
  'mailgun-api-key',
  'shopify-token',
  'npm-token',
  'pypi-token',
  'docker-hub-token',
  'heroku-api-key',
  'digitalocean-token',
  'anthropic-api-key',
  'openai-api-key',
  'groq-api-key',
  'xai-api-key',
  'openrouter-api-key',
  'perplexity-api-key',
  'replicate-api-token',
  'tavily-api-key',
  'huggingface-token',
  'langsmith-api-key',
  'gcp-api-key',
  'google-oauth-client-secret',
  'google-oauth-token',
  'azure-storage-key',
  'azure-connection-string',
  'azure-sas-token',
  'linear-api-key',
  'notion-token',
  'grafana-token',
  '1password-token',
  'vault-token',
  'vercel-token',
  'databricks-token',
  'figma-token',
  'cloudflare-api-key',
  'tailscale-key',
  'supabase-token',
  'postman-api-key',
  'secret',
  'jwt',
  'db-connection-string',
  'url-credentials',
  'basic-auth',
  'bearer-token',
  'password-assignment',
  'secret-assignment',
  'high-entropy-assignment',
  'email',
  'hostname',
  'home-dir',
  'user-name',
] as const;

/** A kind this package detects by itself. */
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

/** A finding kind: a built-in one or the `name` of a user-defined pattern. */
export type FindingKind = BuiltinKind | (string & {});

/** What replaces the user's home directory. */
export const HOME_PLACEHOLDER = '~';

/** What replaces the user's login name. */
export const USER_PLACEHOLDER = '[USER]';

const RANK = new Map<string, number>(BUILTIN_KINDS.map((kind, i) => [kind, i]));

// User patterns rank below every built-in secret format but above the generic heuristics,
// so `{name: 'acme-key'}` wins over `secret-assignment` yet never hides a `github-token`.
const CUSTOM_RANK = RANK.get('password-assignment')! - 0.5;

/** Priority of a kind when findings overlap: lower wins. */
export function kindRank(kind: string): number {
  return RANK.get(kind) ?? CUSTOM_RANK;
}

/** True for the kinds this package defines (as opposed to user pattern names). */
export function isBuiltinKind(kind: string): kind is BuiltinKind {
  return RANK.has(kind);
}

/** The text that replaces a finding of `kind`: `[REDACTED:<kind>]`, `~` or `[USER]`. */
export function placeholder(kind: string): string {
  if (kind === 'home-dir') return HOME_PLACEHOLDER;
  if (kind === 'user-name') return USER_PLACEHOLDER;
  return `[REDACTED:${kind}]`;
}
