import { describe, expect, it } from 'vitest';
import { parseRedactConfig } from './config.js';
import { isRedactError } from './redact-error.js';
import { createRedactor } from './redactor.js';

function issues(value: unknown): string[] {
  try {
    parseRedactConfig(value);
  } catch (e) {
    if (isRedactError(e, 'REDACT_CONFIG_INVALID'))
      return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('a redaction config loaded from JSON', () => {
  it('compiles patterns and allowlists into options the redactor uses', () => {
    const config = parseRedactConfig(
      JSON.parse(`{
        "patterns": [
          { "name": "acme-ticket", "regex": "ACME-[0-9]{6}" },
          { "name": "acme-key", "regex": "/acme_key=(?<secret>[a-z0-9]{8})/i" }
        ],
        "allow": ["AKIAZ3MHSXQ5LKJHG7ZQ", "/^ghp_0{36}$/"],
        "maskEmails": false,
        "homeDir": "/home/dana",
        "userName": ""
      }`),
    );
    const r = createRedactor(config);
    expect(r.redact('see ACME-123456, ACME_KEY=abcd1234 and dana@corp.example.com')).toBe(
      'see [REDACTED:acme-ticket], ACME_KEY=[REDACTED:acme-key] and dana@corp.example.com',
    );
    expect(r.redact('AKIAZ3MHSXQ5LKJHG7ZQ ghp_' + '0'.repeat(36))).toBe(
      'AKIAZ3MHSXQ5LKJHG7ZQ ghp_' + '0'.repeat(36),
    );
    expect(r.redact('AKIAZ3MHSXQ5LKJHG7ZR')).toBe('[REDACTED:aws-access-key]');
    expect(r.redact('/home/dana/x')).toBe('~/x');
  });

  it('lists every problem with its path, and suggests the key that was meant', () => {
    expect(
      issues({
        patterns: [
          { name: 'Bad Name', regex: '(' },
          { name: 'email', regex: 'x' },
          { name: 'empty', regex: 'a*' },
          'x',
        ],
        allow: [42, '/[/'],
        maskEmail: true,
        maskHostnames: 'yes',
        homeDir: 7,
      }),
    ).toEqual([
      'maskEmail: unknown key (did you mean "maskEmails"?); expected one of patterns, allow, maskEmails, maskHostnames, homeDir, userName, hostName',
      'patterns[0].name: expected a kebab-case name (a-z, 0-9, -; at most 48 characters), used as [REDACTED:<name>]',
      'patterns[0].regex: invalid regex: Invalid regular expression: /(/: Unterminated group',
      'patterns[1].name: "email" is a built-in kind; choose another name',
      'patterns[2].regex: regex matches the empty string',
      'patterns[3]: expected {name, regex}, got a string',
      'allow[0]: expected a non-empty string or a /regex/flags string, got a number',
      'allow[1]: invalid regex: Invalid regular expression: /[/: Unterminated character class',
      'maskHostnames: expected true or false, got a string',
      'homeDir: expected a string ("" disables), got a number',
    ]);
  });

  it('rejects what is not an object, with a stable code and the source in the message', () => {
    try {
      parseRedactConfig([], '~/.config/trail/redact.json');
      expect.unreachable();
    } catch (e) {
      expect(isRedactError(e, 'REDACT_CONFIG_INVALID')).toBe(true);
      expect((e as Error).message).toBe(
        'invalid ~/.config/trail/redact.json:\n  (root): expected an object, got an array',
      );
    }
  });

  it('also checks options passed in code', () => {
    expect(() => createRedactor({ patterns: [{ name: 'x', regex: '(' }] })).toThrow(
      /patterns\[0\]\.regex: invalid regex/,
    );
    expect(
      createRedactor({
        patterns: [{ name: 'acme', regex: /ACME-\d+/g }],
        homeDir: '',
        userName: '',
      }).redact('ACME-1'),
    ).toBe('[REDACTED:acme]');
  });

  it('accepts an empty config', () => {
    expect(parseRedactConfig({})).toEqual({});
  });
});
