import { describe, expect, it } from 'vitest';
import { NAME_KEYWORDS, classifyName } from './detectors/secret-names.js';
import { createRedactor } from './redactor.js';

const r = createRedactor({ homeDir: '', userName: '' });

describe('secret-named assignments', () => {
  it.each([
    ['DB_PASSWORD=hunter2x', 'DB_PASSWORD=[REDACTED:password-assignment]'],
    ['export API_TOKEN="abc123def456"', 'export API_TOKEN="[REDACTED:secret-assignment]"'],
    ["export API_TOKEN='abc123def456'", "export API_TOKEN='[REDACTED:secret-assignment]'"],
    ['PASSWORD=plainletters', 'PASSWORD=[REDACTED:password-assignment]'],
    ['  password: s3cr3t-value', '  password: [REDACTED:password-assignment]'],
    ['{"password": "correct-Horse-9"}', '{"password": "[REDACTED:password-assignment]"}'],
    ['client_secret = "0a1b2c3d4e5f"', 'client_secret = "[REDACTED:secret-assignment]"'],
    ['apiKey: "k-1234567890"', 'apiKey: "[REDACTED:secret-assignment]"'],
    ['-H "X-Api-Key: abc123xyz"', '-H "X-Api-Key: [REDACTED:secret-assignment]"'],
    ['Cookie: sid=abc123; theme=dark', 'Cookie: [REDACTED:secret-assignment]'],
    ['Authorization: token-abc-123-def', 'Authorization: [REDACTED:secret-assignment]'],
    [
      'deploy --api-key k9x8c7v6 --region eu',
      'deploy --api-key [REDACTED:secret-assignment] --region eu',
    ],
    ['deploy --password=Passw0rd!', 'deploy --password=[REDACTED:password-assignment]'],
    [
      'Server=db;User ID=sa;Password=Pa55word;Encrypt=true',
      'Server=db;User ID=sa;Password=[REDACTED:password-assignment];Encrypt=true',
    ],
    ['<password>maven-Secret-1</password>', '<password>[REDACTED:password-assignment]</password>'],
    [
      'https://api.example.io/v1?access_token=abc123def&x=1',
      'https://api.example.io/v1?access_token=[REDACTED:secret-assignment]&x=1',
    ],
    [
      'docker run -e POSTGRES_PASSWORD=pgpass postgres',
      'docker run -e POSTGRES_PASSWORD=[REDACTED:password-assignment] postgres',
    ],
    [
      'AZURE_STORAGE_KEY=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==',
      'AZURE_STORAGE_KEY=[REDACTED:secret-assignment]',
    ],
  ])('redacts the value in %j', (input, expected) => {
    expect(r.redact(input)).toBe(expected);
  });

  it.each([
    'const token = getToken();',
    'password: string;',
    'if (password == other) {}',
    'const password = req.body.password;',
    'API_KEY=${API_KEY}',
    'token = os.environ["TOKEN"]',
    'password: "Enter your password"',
    'max_tokens: 4096',
    'token_type: "Bearer"',
    'password_min_length = 12',
    "const STORAGE_KEY = 'todos';",
    'auth: required',
    'secret: <your-secret-here>',
    'API_KEY=your_api_key_here',
    'password: "********"',
    'PASSWORD=',
    'github_token: ${{ secrets.GITHUB_TOKEN }}',
    'k8s/01-auth.yaml:    name: someone',
    '"undoToken": "uuid"',
    'token: process.env.TOKEN',
  ])('leaves %j alone', (input) => {
    expect(r.redact(input)).toBe(input);
  });

  it('redacts an UPPER_SNAKE variable whose value looks generated, not one that reads as words', () => {
    expect(r.redact('SESSION_SALT=Q8vZ3kLp0XwT7rB2nY5mC1dF')).toBe(
      'SESSION_SALT=[REDACTED:high-entropy-assignment]',
    );
    expect(r.redact('APP_TITLE=ProductionDatabaseDashboard')).toBe(
      'APP_TITLE=ProductionDatabaseDashboard',
    );
    expect(r.redact('GIT_SHA=3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39')).toBe(
      'GIT_SHA=3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    );
    expect(r.redact('BUILD_ID=6f1e2d3c-4b5a-4987-a6b5-c4d3e2f1a0b9')).toBe(
      'BUILD_ID=6f1e2d3c-4b5a-4987-a6b5-c4d3e2f1a0b9',
    );
  });

  it('never flags lower-case keys for entropy alone: transcript ids stay', () => {
    const line =
      '{"id": "msg_01ABCdefGHIjklMNOpqrSTU", "requestId": "req_011CUxYz9AbCdEfGhIjKlMn", "signature": "EqQBCkgIBxABGAIqQL2jX1Q"}';
    expect(r.redact(line)).toBe(line);
  });

  it('classifies names by their words, not by substrings', () => {
    expect(classifyName('DB_PASSWORD')).toBe('password');
    expect(classifyName('accessToken')).toBe('secret');
    expect(classifyName('X-Api-Key')).toBe('secret');
    expect(classifyName('STORAGE_KEY')).toBe('key');
    expect(classifyName('max_tokens')).toBeUndefined();
    expect(classifyName('password_hash')).toBeUndefined();
    expect(classifyName('tokenizer')).toBeUndefined();
    expect(classifyName('public_key')).toBeUndefined();
    expect(classifyName('bypass')).toBeUndefined();
  });

  it('only classifies names containing one of the keywords the trigger looks for', () => {
    const words = [
      'password',
      'passwd',
      'pwd',
      'pass',
      'passphrase',
      'passcode',
      'secret',
      'token',
      'apiKey',
      'credentials',
      'auth',
      'cookie',
      'private_key',
    ];
    for (const w of words) {
      expect(classifyName(w), w).toBeDefined();
      expect(
        NAME_KEYWORDS.some((k) => w.toLowerCase().includes(k)),
        w,
      ).toBe(true);
    }
  });
});
