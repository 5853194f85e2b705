/** Substrings every secret name contains: the assignment detector runs only where one occurs. */
export const NAME_KEYWORDS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'key',
  'auth',
  'credential',
  'cookie',
] as const;

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

/**
 * Whether a name holds a password, another secret, a value named `<something>_KEY` (a secret
 * only when the value looks like one: `STORAGE_KEY = 'todos'` is not), or none of these.
 */
export type NameClass = 'password' | 'secret' | 'key' | undefined;

const PASSWORD_WORDS = words('password passwd pwd pass passphrase passcode');

const SECRET_WORDS = words(
  'secret token credential credentials apikey privatekey secretkey accesskey authkey authtoken ' +
    'accesstoken refreshtoken idtoken auth authorization cookie sessionkey clientsecret ' +
    'signingkey encryptionkey masterkey apitoken',
);

// `<qualifier>_key` is a secret; `key` alone, `public_key` or `sort_key` are not.
const KEY_QUALIFIERS = words(
  'api access secret private auth encryption signing master client ssh crypt crypto hmac deploy ' +
    'bot consumer shared write root jwt gpg pgp cipher aes sas mgmt management ingest ' +
    'integration sdk admin webhook',
);

// `<qualifier>_key` that is as often a lookup key (`STORAGE_KEY = 'todos'`) as a secret.
const WEAK_KEY_QUALIFIERS = words(
  'storage account service app session license subscription server partner merchant',
);

// An UPPER_SNAKE `<X>_KEY` env var is a secret unless X says otherwise.
const NON_SECRET_KEY_QUALIFIERS = words(
  'public primary foreign sort partition cache row range hash lookup idempotency object index ' +
    'unique composite group item host map hot dedupe dedup routing shard sharding cursor page ' +
    'query search sse kms ssm db',
);

// The last word says the value is about a secret, not the secret itself.
const NON_SECRET_SUFFIXES = words(
  'id ids type types name names length len count counter size limit limits max min file files ' +
    'path paths dir url uri urls endpoint host env var vars field fields header prefix suffix ' +
    'expiry expires expiration expired ttl timeout version format policy hint label description ' +
    'desc placeholder message msg error errors required enabled disabled mode kind usage ' +
    'provider source helper command cmd location index param params regex pattern hash hashed ' +
    'digest store manager budget rotation reset lifetime age at in schema strategy validator ' +
    'validation hashing hasher algo input button form column table ref refs arn method scheme scope scopes audience ' +
    'issuer algorithm alg encoding valid invalid changed set exists present missing config ' +
    'settings options opts class module component handler callback fn func function spec test ' +
    'tests example sample mock stats metrics status state check checker verify visible ' +
    'visibility toggle icon color style text title list map bytes bits strength complexity rules ' +
    'generator service client api request response flow grant storage cache key used user ' +
    'username login email account reader writer loader parser factory builder repository repo ' +
    'tokens estimate estimator counts window rate per quota',
);

const cache = new Map<string, NameClass>();

function splitName(name: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word) out.push(word.toLowerCase());
    word = '';
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const isUpper = c >= 65 && c <= 90;
    const isLower = c >= 97 && c <= 122;
    const isDigit = c >= 48 && c <= 57;
    if (!isUpper && !isLower && !isDigit) {
      flush();
      continue;
    }
    const prev = name.charCodeAt(i - 1);
    const prevLower = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
    const nextLower = name.charCodeAt(i + 1) >= 97 && name.charCodeAt(i + 1) <= 122;
    const prevUpper = prev >= 65 && prev <= 90;
    // camelCase and XMLHttp-style boundaries
    if (isUpper && word && (prevLower || (prevUpper && nextLower))) flush();
    word += name[i];
  }
  flush();
  return out;
}

function isUpperSnake(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(name);
}

// `01-auth.yaml:` in grep output is a file name, not a key
const FILE_NAME =
  /\.(?:ya?ml|jsonl?|[cm]?[jt]sx?|py|rb|go|rs|md|txt|toml|ini|cfg|conf|sh|log|lock|xml|html?|css)$/i;

function classify(name: string): NameClass {
  if (FILE_NAME.test(name)) return undefined;
  const ws = splitName(name);
  if (ws.length === 0) return undefined;
  const last = ws[ws.length - 1]!;
  if (ws.length > 1 && NON_SECRET_SUFFIXES.has(last) && last !== 'key') return undefined;
  let secret = false;
  let key = false;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (PASSWORD_WORDS.has(w) || w.endsWith('password') || w.endsWith('passwd')) return 'password';
    if (SECRET_WORDS.has(w) || (w.length > 5 && (w.endsWith('token') || w.endsWith('secret'))))
      secret = true;
    if (w === 'key' && i > 0) {
      const q = ws[i - 1]!;
      if (KEY_QUALIFIERS.has(q)) secret = true;
      else if (WEAK_KEY_QUALIFIERS.has(q)) key = true;
      else if (i === ws.length - 1 && isUpperSnake(name) && !NON_SECRET_KEY_QUALIFIERS.has(q))
        key = true;
    }
  }
  return secret ? 'secret' : key ? 'key' : undefined;
}

/** Classifies an assignment's name (`DB_PASSWORD`, `apiKey`, `X-Api-Key`, `--token`). */
export function classifyName(name: string): NameClass {
  let c = cache.get(name);
  if (c === undefined && !cache.has(name)) {
    c = classify(name);
    if (cache.size > 8192) cache.clear();
    cache.set(name, c);
  }
  return c;
}
