import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

const r = createRedactor({ homeDir: '/home/alice', userName: 'alice' });

describe('personal data', () => {
  it('replaces the home directory by ~ wherever a path starts with it', () => {
    expect(r.redact('cd /home/alice/src/app && cat /home/alice/.ssh/config')).toBe(
      'cd ~/src/app && cat ~/.ssh/config',
    );
    expect(r.redact('"cwd":"/home/alice"')).toBe('"cwd":"~"');
    expect(r.redact('file:///home/alice/x')).toBe('file://~/x');
  });

  it('leaves other directories that merely start the same', () => {
    expect(r.redact('/home/alice2/x /home/alicent')).toBe('/home/alice2/x /home/alicent');
  });

  it('replaces the user name as a whole word, including in encoded project directories', () => {
    expect(r.redact('~/.claude/projects/-home-alice-trail/x.jsonl')).toBe(
      '~/.claude/projects/-home-[USER]-trail/x.jsonl',
    );
    expect(r.redact('alice@laptop:~$ whoami\nalice')).toBe('[USER]@laptop:~$ whoami\n[USER]');
    expect(r.redact('malice and alicejones')).toBe('malice and alicejones');
  });

  it('masks Windows home directories case-insensitively and in escaped JSON', () => {
    const w = createRedactor({ homeDir: 'C:\\Users\\Alice', userName: 'Alice' });
    expect(w.redact('C:\\Users\\Alice\\proj and c:/users/alice/x')).toBe('~\\proj and ~/x');
    expect(w.redact('{"cwd":"C:\\\\Users\\\\Alice\\\\proj"}')).toBe('{"cwd":"~\\\\proj"}');
  });

  it('does not mask common account names as words, only their home directory', () => {
    const root = createRedactor({ homeDir: '/root', userName: 'root' });
    expect(root.redact('the root cause is in /root/app')).toBe('the root cause is in ~/app');
  });

  it('can be switched off with empty or null values', () => {
    const off = createRedactor({ homeDir: null, userName: '' });
    expect(off.redact('/home/alice alice')).toBe('/home/alice alice');
  });

  it('redacts e-mail addresses but not SSH remotes, retina images or package specs', () => {
    expect(r.redact('mail bob.smith+ci@corp.example.co.uk now')).toBe('mail [REDACTED:email] now');
    expect(r.redact('Co-Authored-By: Claude <noreply@anthropic.com>')).toBe(
      'Co-Authored-By: Claude <[REDACTED:email]>',
    );
    for (const keep of [
      'git@github.com:acme/api.git',
      'logo@2x.png',
      'npm i @scope/pkg@1.2.3',
      '@app.route("/x")',
      'https://token@github.com/x',
    ]) {
      expect(r.redact(keep), keep).toBe(keep);
    }
  });

  it('leaves e-mail addresses alone when asked to', () => {
    expect(
      createRedactor({ maskEmails: false, homeDir: '', userName: '' }).redact(
        'bob@corp.example.com',
      ),
    ).toBe('bob@corp.example.com');
  });

  it('masks host names only when asked to', () => {
    const h = createRedactor({
      maskHostnames: true,
      hostName: 'alice-mbp.local',
      homeDir: '',
      userName: '',
    });
    expect(h.redact('ssh deploy@10.20.30.40 and https://build.internal.acme.io/jobs')).toBe(
      'ssh deploy@[REDACTED:hostname] and https://[REDACTED:hostname]/jobs',
    );
    expect(h.redact('[alice-mbp ~]$ ping localhost 127.0.0.1')).toBe(
      '[[REDACTED:hostname] ~]$ ping localhost 127.0.0.1',
    );
    expect(h.redact('git@github.com:acme/api.git')).toBe('git@[REDACTED:hostname]:acme/api.git');
    expect(r.redact('https://build.internal.acme.io/jobs 10.20.30.40')).toBe(
      'https://build.internal.acme.io/jobs 10.20.30.40',
    );
  });
});
