import { createRedactor, type Redactor } from '@trail/redact';
import { describe, expect, it } from 'vitest';
import { buildSessionExport } from './build.js';
import { renderExport, renderHtml, renderJson, renderMarkdown } from './index.js';
import type { SessionExport } from './schema.js';
import { sessionWith } from './testing/session.js';

const redactor = createRedactor({ homeDir: '/home/dev', userName: 'dev', hostName: '' });

/** Every string value in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

describe('buildSessionExport', () => {
  it('summarises prompts, files with their diffstat, commands with exit status and test outcomes', () => {
    const x = buildSessionExport(sessionWith(undefined), { redactor, policy: 'summary' });
    expect(x).toMatchObject({ schema: 'trail/session-export', version: 1, policy: 'summary' });
    expect(x.session).toMatchObject({
      agent: 'claude-code',
      title: 'Fix the token refresh in auth.ts and run the tests',
      project: 'shop',
      branch: 'fix/refresh',
      durationSeconds: 70,
    });
    expect(x.counts).toMatchObject({
      prompts: 2,
      toolCalls: 6,
      commands: 2,
      commandsFailed: 1,
      filesChanged: 1,
      filesRead: 0,
      linesAdded: 1,
      linesRemoved: 1,
      tests: 2,
      testsFailed: 1,
      subagents: 1,
    });
    expect(x.files).toEqual([{ path: 'src/auth.ts', op: 'modify', added: 1, removed: 1 }]);
    expect(x.tests).toEqual([
      { prompt: 1, command: 'npm test -- auth', passed: true, exitCode: 0 },
      { prompt: 2, command: 'npx vitest run', passed: false, exitCode: 1 },
    ]);
    expect(x.prompts!.map((p) => [p.index, p.text, p.outcome])).toEqual([
      [
        1,
        'Fix the token refresh in auth.ts and run the tests',
        'The refresh used the wrong expiry; fixed it and added a test.',
      ],
      [2, 'Now run the whole suite', 'One unrelated test fails; it was failing before.'],
    ]);
    expect(x.prompts![1]!.errors).toEqual([
      'Bash: FAIL test/session.test.ts > expires Tests: 1 failed, 41 passed',
    ]);
    // no outputs, patches or assistant messages under summary
    const steps = x.prompts!.flatMap((p) => p.steps);
    expect(steps.some((s) => s.kind === 'assistant')).toBe(false);
    expect(
      steps.some(
        (s) =>
          s.kind === 'tool' &&
          (s.output !== undefined || s.changes.some((c) => c.patch !== undefined)),
      ),
    ).toBe(false);
    expect(steps.find((s) => s.kind === 'tool' && s.tool === 'Grep')).toMatchObject({
      agent: 'agent-a71969c1',
      label: 'refresh(',
    });
  });

  it('adds redacted patches with relative headers, outputs and agent messages under trace', () => {
    const x = buildSessionExport(sessionWith(undefined), { redactor, policy: 'trace' });
    const tools = x.prompts!.flatMap((p) => p.steps).filter((s) => s.kind === 'tool');
    const edit = tools.find((s) => s.tool === 'Edit')!;
    expect(edit.changes[0]!.patch).toContain('--- a/src/auth.ts\n+++ b/src/auth.ts');
    expect(tools.find((s) => s.tool === 'Bash')!.output).toContain('Tests: 1 passed');
    expect(x.prompts!.flatMap((p) => p.steps).filter((s) => s.kind === 'assistant')).toHaveLength(
      3,
    );
  });

  it('keeps nothing but counts and times under metadata', () => {
    const x = buildSessionExport(sessionWith('title', 'secret project plans'), {
      redactor,
      policy: 'metadata',
    });
    expect(Object.keys(x).sort()).toEqual([
      'counts',
      'policy',
      'redactions',
      'schema',
      'session',
      'version',
    ]);
    expect(Object.keys(x.session).sort()).toEqual([
      'agent',
      'agentVersion',
      'durationSeconds',
      'endedAt',
      'id',
      'model',
      'startedAt',
    ]);
    expect(JSON.stringify(x)).not.toContain('plans');
  });

  it('cuts text to the policy limits after redacting it', () => {
    const long = `export GITHUB_TOKEN=ghp_${'a1B2'.repeat(9)} ${'word '.repeat(1000)}`;
    const x = buildSessionExport(sessionWith('prompt', long), { redactor, policy: 'summary' });
    const text = x.prompts![0]!.text;
    expect(text.length).toBe(2000);
    expect(text).toMatch(/^export GITHUB_TOKEN=\[REDACTED:github-token\] word/);
    expect(text).toMatch(/… \[\d+ more chars\]$/);
    expect(x.redactions).toEqual({ 'github-token': 1 });
  });

  it('masks the home directory in paths outside the project', () => {
    const input = sessionWith(undefined);
    const events = input.events.map((e) =>
      e.id === 't1' ? { ...e, reads: ['/home/dev/.config/acme/settings.json'] } : e,
    );
    const x = buildSessionExport({ ...input, events }, { redactor, policy: 'summary' });
    expect(x.files!.map((f) => f.path)).toContain('~/.config/acme/settings.json');
  });

  it('cannot be built without a redactor', () => {
    const input = sessionWith(undefined);
    expect(() => buildSessionExport(input, {} as never)).toThrow(
      expect.objectContaining({ code: 'EXPORT_NO_REDACTOR' }),
    );
    expect(() =>
      buildSessionExport(input, { redactor: { redact: (s: string) => s } } as never),
    ).toThrow(/needs a redactor/);
    expect(() => buildSessionExport(input, undefined as never)).toThrow(/needs a redactor/);
  });

  it('passes every string that leaves through the redactor, including ones no field code cleaned', () => {
    const shout = (s: string) => s.toUpperCase();
    const deep = (v: unknown): unknown =>
      typeof v === 'string'
        ? shout(v)
        : Array.isArray(v)
          ? v.map(deep)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
            : v;
    const spy: Redactor = { scan: () => [], redact: shout, redactValue: <T>(v: T) => deep(v) as T };
    for (const policy of ['metadata', 'summary', 'trace'] as const) {
      const x = buildSessionExport(sessionWith(undefined), { redactor: spy, policy });
      const lower = strings(x).filter((s) => /[a-z]/.test(s));
      expect(lower, policy).toEqual([]);
    }
  });

  it('is frozen, so a renderer cannot be handed an altered copy', () => {
    const x = buildSessionExport(sessionWith(undefined), { redactor, policy: 'summary' });
    expect(Object.isFrozen(x.session)).toBe(true);
    expect(() => ((x.session as { title?: string }).title = 'x')).toThrow();
  });
});

describe('renderers', () => {
  const x = buildSessionExport(sessionWith(undefined), { redactor, policy: 'trace' });

  it('refuse anything that did not come out of buildSessionExport', () => {
    const forged = JSON.parse(JSON.stringify(x)) as SessionExport;
    for (const render of [renderMarkdown, renderHtml, renderJson]) {
      expect(() => render(forged)).toThrow(expect.objectContaining({ code: 'EXPORT_NOT_SEALED' }));
    }
    expect(() => renderExport({ ...x }, 'md')).toThrow(
      /only an export built by buildSessionExport/,
    );
  });

  it('write JSON that parses back to the export', () => {
    expect(JSON.parse(renderJson(x))).toEqual(JSON.parse(JSON.stringify(x)));
  });

  it('write Markdown for a pull request: headline, files, tests, prompts and collapsible diffs', () => {
    const md = renderMarkdown(x);
    expect(md).toMatch(/^## Agent session: Fix the token refresh in auth.ts and run the tests\n/);
    expect(md).toContain('| `src/auth.ts` | modified | +1 −1 |');
    expect(md).toContain('- ✓ `npm test -- auth` (prompt 1)');
    expect(md).toContain('- ✗ `npx vitest run` — exit 1 (prompt 2)');
    expect(md).toContain('<summary>diff src/auth.ts</summary>\n\n```diff\n--- a/src/auth.ts');
    expect(md).toContain('policy <b>trace</b>');
  });

  it('escape HTML, mentions and backticks in Markdown', () => {
    const text = 'ping @alice <script>alert(1)</script> and run ``` rm -rf ``` `x`';
    const md = renderMarkdown(
      buildSessionExport(sessionWith('prompt', text), { redactor, policy: 'summary' }),
    );
    expect(md).toContain('> ping &#64;alice &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toContain('<script>');
    const cmd = renderMarkdown(
      buildSessionExport(sessionWith('command', 'echo `date` | tee x'), {
        redactor,
        policy: 'summary',
      }),
    );
    expect(cmd).toContain('- ran ``echo `date` | tee x`` ✓');
  });

  it('write one HTML page that loads nothing from anywhere and escapes what it shows', () => {
    const evil = `<img src="https://evil.example/x.png"> <script src="http://evil.example/a.js"></script> url(https://evil.example/f)`;
    const html = renderHtml(
      buildSessionExport(sessionWith('prompt', evil), { redactor, policy: 'trace' }),
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(
      /<(?:img|script|link|iframe|object|embed|source|video|audio)\b[^>]*\s(?:src|href|data)\s*=/i,
    );
    expect(html).not.toMatch(/<link\b/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>|\sstyle="([^"]*)"/g)].map(
      (m) => m[1] ?? m[2]!,
    );
    expect(styles.join('\n')).not.toMatch(/url\(|@import|https?:/i);
    expect(
      [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!).every((h) => h.startsWith('#')),
    ).toBe(true);
    expect(html).toContain('&lt;img src=&quot;https://evil.example/x.png&quot;&gt;');
    expect(html).toContain('<span class="d-add">+<span class="k">const</span> expiresAt');
  });
});
