import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore, type UiStore } from './ui/fixture.js';
import { http } from './ui/http.js';
import { launch, noBrowser, startUi, type RunningUi } from './ui/browser.js';
import { trailJson } from './helpers.js';

const skip = noBrowser();
let dir: string;
let store: UiStore;
let ui: RunningUi;
let browser: Browser;
let page: Page;

describe.skipIf(skip !== undefined)(
  `the web view in headless Chromium${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    beforeAll(async () => {
      dir = realpathSync(mkdtempSync(join(tmpdir(), 'trail-ui-browser-')));
      store = makeStore(dir);
      ui = await startUi(store.home);
      browser = await launch();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    });
    afterAll(async () => {
      await browser?.close();
      await ui?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('opens the session list from the printed URL, with the token gone from the address bar', async () => {
      await page.goto(ui.url);
      const rows = page
        .getByRole('listbox', { name: 'Sessions, newest first' })
        .getByRole('option');
      await expect.poll(() => rows.count()).toBe(2);
      expect(page.url()).toBe(`http://127.0.0.1:${ui.port}/`);
      expect(await rows.first().textContent()).toContain('Make greet() polite');
    });

    it('searches with / and opens a session from a hit', async () => {
      await page.keyboard.press('/');
      await page.keyboard.type('farewell');
      await page.keyboard.press('Enter');
      const hit = page.locator('a.hit').first();
      await hit.waitFor();
      expect(await hit.locator('mark').first().textContent()).toMatch(/farewell/i);
      await page.locator('a.hit', { hasText: 'Add a farewell()' }).first().click();
      await page
        .getByRole('heading', { name: 'Add a farewell() next to greet() and test both' })
        .waitFor();
      await page.locator('article.ev.focused').waitFor(); // opened at the event that matched
    });

    it('expands a command’s output in the timeline', async () => {
      const cmd = page.locator('article.ev', { hasText: 'node test/greet.test.mjs && echo ok' });
      await cmd.getByRole('button', { name: 'Show output' }).click();
      await expect.poll(() => cmd.getByLabel('output of Bash').textContent()).toContain('ok');
      expect(await cmd.textContent()).toContain('✓ exit 0');
    });

    it('opens the diff of one tool call, unified and side by side', async () => {
      await page
        .locator('article.ev', { hasText: 'Edit /' })
        .getByRole('link', { name: 'view diff' })
        .click();
      const file = page.getByRole('article', { name: 'Diff of src/greet.js' });
      await file.waitFor();
      expect(await file.locator('tr.add').count()).toBe(4);
      expect(await file.locator('.hljs-keyword').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Side by side' }).click();
      await expect.poll(() => file.locator('table.split').count()).toBe(1);
    });

    it('opens blame from the diff and follows a line to the prompt that wrote it', async () => {
      await page
        .getByRole('article', { name: 'Diff of src/greet.js' })
        .getByRole('link', { name: 'blame' })
        .click();
      const line = page.locator('tr.bl', { hasText: 'export function farewell' });
      await line.waitFor();
      await line.hover();
      await expect
        .poll(() => page.getByRole('tooltip').textContent())
        .toContain('Add a farewell() next to greet() and test both');
      await line.locator('td.src').click();
      await page
        .getByRole('heading', { name: 'Add a farewell() next to greet() and test both' })
        .waitFor();
      const focused = page.locator('article.ev.focused');
      await focused.waitFor();
      expect(await focused.textContent()).toContain('Edit');
    });

    it('sets a tag that trail log --json then lists', async () => {
      await page.getByLabel('New tag').fill('ui-e2e');
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByRole('button', { name: 'Remove tag ui-e2e' }).waitFor();
      const log = trailJson<{ sessions: { id: string; tags: string[] }[] }>(store.home, ['log']);
      expect(log.sessions.find((s) => s.id === store.first)!.tags).toEqual(['ui-e2e']);
    });

    it('refuses a request without the token, and one with a foreign Host', async () => {
      const fresh = await browser.newPage();
      const r = await fresh.goto(`http://127.0.0.1:${ui.port}/`);
      expect(r?.status()).toBe(403);
      await fresh.close();
      expect((await http(ui.port, '/api/sessions')).status).toBe(403);
      const token = new URL(ui.url).searchParams.get('token')!;
      expect(
        (
          await http(ui.port, '/api/sessions', {
            headers: { host: `attacker.example:${ui.port}`, 'x-trail-token': token },
          })
        ).status,
      ).toBe(403);
    });
  },
);
