import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { FakeLlm } from './fakeLlm';
import { freePort, ParleyServer } from './parleyServer';

// The admin page as a moderator uses it while other people chat, in Debian's Chromium.
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });
const llm = new FakeLlm();
let server: ParleyServer;

test.beforeAll(async () => {
  test.setTimeout(200_000);
  const llmUrl = await llm.start();
  server = new ParleyServer(await freePort(), { CHAT_LLM_BASE_URL: llmUrl, CHAT_LLM_MODEL: 'admin-e2e-model' });
  await server.start();
});

test.afterAll(async () => {
  await server?.stop();
  await llm.stop();
});

async function person(browser: Browser, name: string, admin = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()} (script injection)`);
  });
  await page.goto('/');
  await page.getByLabel('Your name').fill(name);
  if (admin) await page.getByLabel('Sign in as an admin').check();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByTestId('whoami')).toContainText(name);
  return { context, page };
}

async function joinRoom(page: Page, room: string): Promise<void> {
  await page.goto(`/#/rooms/${room}`);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

const figure = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ''));

test('the dashboard moves while two people chat; a user who is not an admin never sees the page', async ({ browser }) => {
  const root = await person(browser, 'Root Admin', true);
  await root.page.getByRole('link', { name: 'Admin' }).click();
  await expect(root.page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  await expect(root.page.getByTestId('dash-stored')).not.toHaveText('–');
  const storedBefore = await figure(root.page, 'dash-stored');

  const ann = await person(browser, 'Ann Dash');
  const ben = await person(browser, 'Ben Dash');
  await joinRoom(ann.page, 'dash-room');
  await joinRoom(ben.page, 'dash-room');
  for (let i = 1; i <= 4; i++) await say(ann.page, `dashboard message ${i}`);
  await say(ben.page, '@assistant count the messages');
  await expect(ben.page.locator('.role-assistant article.message')).toHaveCount(1);

  await expect.poll(() => figure(root.page, 'dash-stored'), { timeout: 15_000 }).toBeGreaterThanOrEqual(storedBefore + 5);
  await expect.poll(() => figure(root.page, 'dash-connections')).toBeGreaterThanOrEqual(2);
  await expect(root.page.getByRole('table', { name: 'Assistant tokens by room (last hour)' })).toContainText('#dash-room');
  await expect(root.page.getByRole('list', { name: 'Online users' })).toContainText('Ann Dash');
  await root.page.screenshot({ path: join(SCREENSHOTS, 'admin.png') });

  // a plain user: no link, no page, and the API refuses them
  await expect(ann.page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await ann.page.goto('/#/admin');
  await expect(ann.page.getByRole('alert')).toContainText('for administrators');
  const status = await ann.page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem('parley.session') ?? '{}').token;
    return (await fetch('/api/admin/dashboard', { headers: { Authorization: `Bearer ${token}` } })).status;
  });
  expect(status).toBe(403);
  for (const p of [root, ann, ben]) await p.context.close();
});

test('a moderator removes a user, who sees why and cannot rejoin until the time is up; the audit log shows it', async ({ browser }) => {
  const mod = await person(browser, 'Mona Moderator', true);
  const cara = await person(browser, 'Cara Calm');
  const dave = await person(browser, 'Dave Spammer');
  await joinRoom(cara.page, 'moderated');
  await joinRoom(dave.page, 'moderated');
  await say(dave.page, 'buy cheap watches');

  await mod.page.goto('/#/admin');
  await mod.page.getByLabel('Search rooms').fill('moderated');
  await mod.page.getByRole('button', { name: '#moderated' }).click();
  const moderation = mod.page.getByRole('group', { name: 'Moderate #moderated' });
  await expect(moderation.getByLabel('User to remove')).toContainText('Dave Spammer');
  await moderation.getByLabel('User to remove').selectOption({ label: 'Dave Spammer' });
  await moderation.getByLabel('Minutes kept out').fill('0.15');
  await moderation.getByLabel('Reason for removal').fill('spamming the room');
  await moderation.getByRole('button', { name: 'Remove from the room' }).click();

  // Dave is told why; Cara sees him leave and goes on chatting
  await expect(dave.page.getByTestId('connection-status')).toContainText('removed from this room');
  await expect(dave.page.getByTestId('connection-status')).toContainText('spamming the room');
  await expect(cara.page.getByTestId('connection-status')).toHaveText('Connected');
  await say(cara.page, 'peace at last');
  await expect(cara.page.locator('article.message .body').last()).toHaveText('peace at last');

  // he cannot come back at once…
  await dave.page.reload();
  await expect(dave.page.getByTestId('connection-status')).toContainText('removed from this room');
  await expect(moderation.getByRole('list', { name: 'Removed users' })).toContainText('Dave Spammer');

  // …but can once the nine seconds are up
  await dave.page.waitForTimeout(9_500);
  await dave.page.reload();
  await expect(dave.page.getByTestId('connection-status')).toHaveText('Connected');

  const audit = mod.page.getByRole('table', { name: 'Audit log' });
  await expect(audit).toContainText('room.remove-user');
  await expect(audit).toContainText('Mona Moderator');
  await expect(audit).toContainText('spamming the room');
  for (const p of [mod, cara, dave]) await p.context.close();
});
