// secretlint is loaded on first use, not at import: its rules only run on a text holding one
// of their anchors, and loading them cost `trail search` several milliseconds per run.
import { createRequire } from 'node:module';
import type { SecretLintRuleCreator } from '@secretlint/types';
import type { BuiltinKind } from '../kinds.js';

/** Corrects a reported range; undefined keeps the rule's own range. */
export type Repair = (
  content: string,
  start: number,
  end: number,
) => readonly [number, number] | undefined;

/** How trail uses one secretlint rule: when to run it, what its messages mean, how to fix ranges. */
export interface RuleSpec {
  readonly anchors?: readonly string[];
  readonly anchorsIgnoringCase?: readonly string[];
  readonly gate?: (text: string) => boolean;
  readonly options?: Record<string, unknown>;
  readonly kinds: Readonly<Record<string, BuiltinKind>>;
  readonly repairs?: Readonly<Record<string, Repair>>;
}

/** Rules of the preset that trail does not run, and why. */
export const EXCLUDED_RULES: Readonly<Record<string, string>> = {
  '@secretlint/secretlint-rule-filter-comments':
    'a "secretlint-disable" comment inside recorded text must not switch redaction off',
  '@secretlint/secretlint-rule-gcp':
    'it needs a file path and extension (.json, .p12); the private key inside a service-account file is found by the private-key rules',
};

/** The value of the first capture group when `pattern` (sticky, `d` flag) matches at `start`. */
function group(pattern: RegExp): Repair {
  return (content, start) => {
    pattern.lastIndex = start;
    const indices = pattern.exec(content)?.indices?.[1];
    return indices ? [indices[0], indices[1]] : undefined;
  };
}

/** Narrows a reported URL to its `user:password` part, which is what must disappear. */
const userinfo: Repair = (content, start, end) => {
  const scheme = content.indexOf('://', start);
  if (scheme === -1 || scheme >= end) return undefined;
  // the last @ of the authority: a password may hold an unencoded @, the path may too
  let at = -1;
  for (let i = scheme + 3; i < end; i++) {
    const c = content[i]!;
    if (c === '/' || c === '?' || c === '#' || c <= ' ') break;
    if (c === '@') at = i;
  }
  return at > scheme + 3 ? [scheme + 3, at] : undefined;
};

/** Narrows `aws_account_id = 1234-5678-9012` to the number. */
const accountNumber: Repair = (content, start, end) => {
  const m = /[0-9]{4}-?[0-9]{4}-?[0-9]{4}(?=["']?$)/.exec(content.slice(start, end));
  return m ? [start + m.index, start + m.index + m[0].length] : undefined;
};

const atSign = (text: string): boolean => text.includes('@');

// The AWS rule runs three scans; its anchors are common words (`secret`, `account`), so check
// that one of the three shapes is really there before running the rule's slower regexes.
const AWS_ID = /(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}/;
const AWS_NAMED = /secret_?access_?key|account_?(?:id)?["']?\s*(?::|=>|=)\s*["']?[0-9]{4}/i;
const awsShape = (text: string): boolean => AWS_ID.test(text) || AWS_NAMED.test(text);

/**
 * Per rule id: anchors are literals every match of the rule contains (checked in one pass
 * for all rules), kinds map each message id to a finding kind, repairs fix reported ranges.
 */
export const RULE_SPECS: Readonly<Record<string, RuleSpec>> = {
  '@secretlint/secretlint-rule-aws': {
    // the rule's three shapes: an id prefix, `secret_access_key = …`, `account_id = 1234…`
    anchors: ['A3T', 'AKIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ASIA'],
    anchorsIgnoringCase: ['secretaccess', 'secret_access', 'account'],
    gate: awsShape,
    options: { enableIDScanRule: true },
    kinds: {
      AWSAccessKeyID: 'aws-access-key',
      AWSSecretAccessKey: 'aws-secret-key',
      AWSAccountID: 'aws-account-id',
    },
    repairs: {
      // the rule reports the start of `aws_secret_access_key=` with the key's length (secretlint 13.0.7)
      AWSSecretAccessKey: group(
        /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})/dy,
      ),
      AWSAccountID: accountNumber,
    },
  },
  '@secretlint/secretlint-rule-npm': {
    anchors: ['npm_', 'x-oauth-basic', '_authToken'],
    kinds: {
      PackageJSON_xOauthToken: 'github-token',
      Npmrc_authToken: 'npm-token',
      NPM_ACCESS_TOKEN: 'npm-token',
    },
    repairs: {
      // same start-of-match/length-of-group mix-up as the AWS secret
      PackageJSON_xOauthToken: group(/https?:\/\/(.{1,256}):x-oauth-basic@github.com\//dy),
      Npmrc_authToken: group(/_authToken=([^$].*)/dy),
    },
  },
  '@secretlint/secretlint-rule-slack': {
    anchors: ['xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-'],
    anchorsIgnoringCase: ['hooks.slack.com'],
    kinds: { SLACK_TOKEN: 'slack-token', IncomingWebhook: 'slack-webhook' },
  },
  '@secretlint/secretlint-rule-basicauth': {
    anchors: ['://'],
    gate: atSign,
    kinds: { BasicAuth: 'url-credentials' },
    repairs: { BasicAuth: userinfo },
  },
  '@secretlint/secretlint-rule-openai': {
    anchors: ['T3BlbkFJ'],
    kinds: { OPENAI_TOKEN: 'openai-api-key' },
  },
  '@secretlint/secretlint-rule-anthropic': {
    anchors: ['sk-ant-api0'],
    kinds: { ANTHROPIC_API_KEY: 'anthropic-api-key' },
  },
  '@secretlint/secretlint-rule-groq': {
    anchors: ['gsk_'],
    kinds: { GROQ_API_KEY: 'groq-api-key' },
  },
  '@secretlint/secretlint-rule-huggingface': {
    anchors: ['hf_'],
    kinds: { HUGGINGFACE_USER_ACCESS_TOKEN: 'huggingface-token' },
  },
  '@secretlint/secretlint-rule-linear': {
    anchors: ['lin_api_'],
    kinds: { LINEAR_API_TOKEN: 'linear-api-key' },
  },
  '@secretlint/secretlint-rule-notion': {
    anchors: ['ntn_'],
    kinds: { NOTION_INTEGRATION_TOKEN: 'notion-token' },
  },
  '@secretlint/secretlint-rule-privatekey': {
    anchors: ['PRIVATE KEY'],
    kinds: { PrivateKey: 'private-key' },
  },
  '@secretlint/secretlint-rule-sendgrid': {
    anchors: ['SG.'],
    kinds: { SENDGRID_KEY: 'sendgrid-api-key' },
  },
  '@secretlint/secretlint-rule-shopify': {
    anchors: ['shppa_', 'shpca_', 'shpat_', 'shpss_'],
    kinds: { SHOPIFY_KEY: 'shopify-token' },
  },
  '@secretlint/secretlint-rule-stripe': {
    anchors: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    kinds: {
      STRIPE_SECRET_KEY_LIVE: 'stripe-secret-key',
      STRIPE_SECRET_KEY_TEST: 'stripe-secret-key',
      STRIPE_RESTRICTED_KEY_LIVE: 'stripe-restricted-key',
      STRIPE_RESTRICTED_KEY_TEST: 'stripe-restricted-key',
    },
  },
  '@secretlint/secretlint-rule-github': {
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    kinds: { GITHUB_TOKEN: 'github-token' },
  },
  '@secretlint/secretlint-rule-gitlab': {
    anchors: ['glpat-'],
    kinds: { GITLAB_PERSONAL_ACCESS_TOKEN: 'gitlab-token' },
  },
  '@secretlint/secretlint-rule-grafana': {
    anchors: ['glc_', 'glsa_'],
    kinds: {
      GRAFANA_CLOUD_API_TOKEN: 'grafana-token',
      GRAFANA_SERVICE_ACCOUNT_TOKEN: 'grafana-token',
    },
  },
  '@secretlint/secretlint-rule-1password': {
    anchors: ['ops_ey'],
    kinds: { OPS_TOKEN: '1password-token' },
  },
  '@secretlint/secretlint-rule-database-connection-string': {
    anchorsIgnoringCase: ['mongodb', 'mysql', 'postgres'],
    gate: atSign,
    kinds: {
      MongoDBConnection: 'db-connection-string',
      MySQLConnection: 'db-connection-string',
      PostgreSQLConnection: 'db-connection-string',
    },
    repairs: {
      MongoDBConnection: userinfo,
      MySQLConnection: userinfo,
      PostgreSQLConnection: userinfo,
    },
  },
  '@secretlint/secretlint-rule-hashicorp-vault': {
    anchors: ['hvs.', 'hvb.', 'hvr.'],
    kinds: {
      HASHICORP_VAULT_SERVICE_TOKEN: 'vault-token',
      HASHICORP_VAULT_BATCH_TOKEN: 'vault-token',
      HASHICORP_VAULT_RECOVERY_TOKEN: 'vault-token',
    },
  },
  '@secretlint/secretlint-rule-vercel': {
    anchors: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    kinds: {
      VERCEL_PERSONAL_ACCESS_TOKEN: 'vercel-token',
      VERCEL_INTEGRATION_TOKEN: 'vercel-token',
      VERCEL_APP_ACCESS_TOKEN: 'vercel-token',
      VERCEL_APP_REFRESH_TOKEN: 'vercel-token',
      VERCEL_AI_GATEWAY_API_KEY: 'vercel-token',
    },
  },
  '@secretlint/secretlint-rule-databricks': {
    anchors: ['dapi'],
    kinds: { DATABRICKS_PERSONAL_ACCESS_TOKEN: 'databricks-token' },
  },
  '@secretlint/secretlint-rule-docker': {
    anchors: ['dckr_pat_'],
    kinds: { DOCKER_PERSONAL_ACCESS_TOKEN: 'docker-hub-token' },
  },
  '@secretlint/secretlint-rule-figma': {
    anchors: ['figd_'],
    kinds: { FIGMA_PERSONAL_ACCESS_TOKEN: 'figma-token' },
  },
  '@secretlint/secretlint-rule-cloudflare': {
    anchors: ['cfk_', 'cfut_', 'cfat_'],
    kinds: {
      CLOUDFLARE_GLOBAL_API_KEY: 'cloudflare-api-key',
      CLOUDFLARE_USER_API_TOKEN: 'cloudflare-api-key',
      CLOUDFLARE_ACCOUNT_API_TOKEN: 'cloudflare-api-key',
    },
  },
  '@secretlint/secretlint-rule-tailscale': {
    anchors: ['tskey-'],
    kinds: {
      TAILSCALE_API_KEY: 'tailscale-key',
      TAILSCALE_AUTH_KEY: 'tailscale-key',
      TAILSCALE_CLIENT_KEY: 'tailscale-key',
      TAILSCALE_SCIM_KEY: 'tailscale-key',
      TAILSCALE_WEBHOOK_KEY: 'tailscale-key',
      TAILSCALE_KEY: 'tailscale-key',
    },
  },
};

// The preset bundles these rules already; the standalone packages are kept as a floor in
// case a future preset drops one of them. The preset's copy wins when both exist.
const STANDALONE = [
  '@secretlint/secretlint-rule-anthropic',
  '@secretlint/secretlint-rule-openai',
  '@secretlint/secretlint-rule-database-connection-string',
  '@secretlint/secretlint-rule-privatekey',
] as const;

/**
 * The ids of the rules {@link secretlintRules} returns, in its order, known without loading
 * secretlint. The host test checks them against the installed rules: on a secretlint upgrade
 * that adds, drops or reorders rules, update this list (and {@link RULE_SPECS}).
 */
export const SECRETLINT_RULE_IDS: readonly string[] = [
  '@secretlint/secretlint-rule-aws',
  '@secretlint/secretlint-rule-privatekey',
  '@secretlint/secretlint-rule-npm',
  '@secretlint/secretlint-rule-basicauth',
  '@secretlint/secretlint-rule-slack',
  '@secretlint/secretlint-rule-sendgrid',
  '@secretlint/secretlint-rule-shopify',
  '@secretlint/secretlint-rule-stripe',
  '@secretlint/secretlint-rule-github',
  '@secretlint/secretlint-rule-gitlab',
  '@secretlint/secretlint-rule-grafana',
  '@secretlint/secretlint-rule-openai',
  '@secretlint/secretlint-rule-anthropic',
  '@secretlint/secretlint-rule-groq',
  '@secretlint/secretlint-rule-huggingface',
  '@secretlint/secretlint-rule-linear',
  '@secretlint/secretlint-rule-notion',
  '@secretlint/secretlint-rule-1password',
  '@secretlint/secretlint-rule-database-connection-string',
  '@secretlint/secretlint-rule-hashicorp-vault',
  '@secretlint/secretlint-rule-vercel',
  '@secretlint/secretlint-rule-databricks',
  '@secretlint/secretlint-rule-docker',
  '@secretlint/secretlint-rule-figma',
  '@secretlint/secretlint-rule-cloudflare',
  '@secretlint/secretlint-rule-tailscale',
];

let loaded: SecretLintRuleCreator<never>[] | undefined;

/** The secretlint rules trail runs: the recommended preset plus the standalone rules, deduplicated. */
export function secretlintRules(): SecretLintRuleCreator<never>[] {
  if (loaded) return loaded;
  const load = createRequire(import.meta.url);
  const preset = (load('@secretlint/secretlint-rule-preset-recommend') as { rules: unknown[] })
    .rules;
  const standalone = STANDALONE.map((name) => (load(name) as { creator: unknown }).creator);
  const byId = new Map<string, SecretLintRuleCreator<never>>();
  for (const rule of [...preset, ...standalone] as SecretLintRuleCreator<never>[]) {
    const id = rule.meta.id;
    if (id in EXCLUDED_RULES || byId.has(id)) continue;
    byId.set(id, rule);
  }
  return (loaded = [...byId.values()]);
}
