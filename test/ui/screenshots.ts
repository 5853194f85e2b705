// `npm run screenshots`: records a few sessions through the real hooks, serves them with the
// real `trail ui`, and writes screenshots of the main views into docs/screenshots/.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { cli, makeStore } from './fixture.ts';
import { launch, noBrowser, startUi } from './browser.ts';

const OUT = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const why = noBrowser();
if (why) {
  process.stderr.write(`screenshots: ${why}\n`);
  process.exit(1);
}
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'trail-shots-')));
try {
  const store = makeStore(dir, { more: true });
  cli(store.home, [
    'annotate',
    store.first,
    '--tag',
    'greet',
    '--tag',
    'tests',
    '--status',
    'reviewed',
  ]);
  cli(store.home, ['annotate', store.second, '--tag', 'greet', '--note', 'polite greeting']);
  const ui = await startUi(store.home);
  const browser = await launch();
  try {
    mkdirSync(OUT, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 760 },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      await page.goto(ui.url);
      await page.locator('.row').first().waitFor();
      const shot = async (name: string) => {
        await page.waitForTimeout(150);
        await page.screenshot({
          path: join(OUT, `${name}${scheme === 'dark' ? '-dark' : ''}.png`),
        });
      };
      await shot('sessions');
      await page.goto(`${base(ui.url)}#/s/${store.first}`);
      await expandOutput(page, 'node test/greet.test.mjs');
      await shot('timeline');
      if (scheme === 'dark') continue;
      await page.goto(`${base(ui.url)}#/s/${store.second}/diff`);
      await page.getByRole('button', { name: 'Side by side' }).click();
      await page.locator('table.split').first().waitFor();
      await shot('diff');
      await page.getByRole('button', { name: 'Unified' }).click();
      await page.goto(
        `${base(ui.url)}#/blame?file=${encodeURIComponent(join(store.repo, 'src/greet.js'))}`,
      );
      const line = page.locator('tr.bl', { hasText: 'export function farewell' });
      await line.hover();
      await page.getByRole('tooltip').waitFor();
      await shot('blame');
      await page.goto(`${base(ui.url)}#/activity`);
      await page.locator('.share').waitFor();
      await shot('activity');
      await page.goto(`${base(ui.url)}#/?q=greet`);
      await page.locator('a.hit').first().waitFor();
      await shot('search');
      await page.close();
    }
  } finally {
    await browser.close();
    await ui.stop();
  }
  process.stderr.write(`screenshots written to ${OUT}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function base(url: string): string {
  return url.replace(/\?.*$/, '');
}

async function expandOutput(page: Page, command: string): Promise<void> {
  const ev = page.locator('article.ev', { hasText: command });
  await ev.getByRole('button', { name: 'Show output' }).click();
  await ev.getByLabel('output of Bash').waitFor();
}
