import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { FakeLlm } from './fakeLlm';
import { freePort, ParleyServer } from './parleyServer';

// Screenshots for docs/: `SCREENSHOT_DIR=../docs/screenshots npm run e2e` refreshes the committed ones.
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'target/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const llm = new FakeLlm();
let server: ParleyServer;
const cspViolations: string[] = [];

test.afterEach(() => {
  expect(cspViolations, 'the app runs under its Content-Security-Policy').toEqual([]);
});

test.beforeAll(async () => {
  test.setTimeout(200_000);
  const llmUrl = await llm.start();
  server = new ParleyServer(await freePort(), {
    CHAT_LLM_BASE_URL: llmUrl,
    CHAT_LLM_MODEL: 'e2e-model',
    CHAT_LLM_MODELS: 'e2e-model-large',
    CHAT_RATE_PER_SECOND: '200',
    CHAT_RATE_BURST: '400',
  });
  await server.start();
});

test.afterAll(async () => {
  await server?.stop();
  await llm.stop();
});

async function person(
  browser: Browser,
  name: string,
  options: { admin?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: options.viewport ?? { width: 1200, height: 800 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()} (script injection)`);
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.getByLabel('Your name').fill(name);
  if (options.admin) await page.getByLabel('Sign in as an admin').check();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByTestId('whoami')).toContainText(name);
  return { context, page };
}

async function joinRoom(page: Page, room: string): Promise<void> {
  await page.goto('/#/');
  await page.getByLabel('Join or create a room').fill(room);
  await page.getByLabel('Join or create a room').press('Enter');
  await expect(page.getByRole('heading', { name: `#${room}` })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

const log = (page: Page) => page.getByRole('log', { name: 'Messages' });
const messageBodies = (page: Page) => log(page).locator('article.message .body');

async function seqsOf(page: Page): Promise<number[]> {
  return log(page)
    .locator('article.message[data-seq]')
    .evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.seq)));
}

test('two people chat in one room: messages, presence, typing and cursors', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-chat');
  await joinRoom(bob.page, 'e2e-chat');

  const presence = alice.page.getByRole('complementary', { name: 'People in this room' });
  await expect(presence).toContainText('Bob');
  await expect(alice.page.locator('.online-count')).toHaveText('2 online');

  await bob.page.getByLabel('Message', { exact: true }).pressSequentially('typing…', { delay: 20 });
  await expect(alice.page.locator('.typing')).toHaveText('Bob is typing…');
  await bob.page.getByLabel('Message', { exact: true }).fill('');

  await say(alice.page, 'Hi Bob, the release is green.');
  await expect(messageBodies(bob.page).last()).toHaveText('Hi Bob, the release is green.');
  await expect(alice.page.locator('article.message').last()).toHaveClass(/delivery-sent/);

  await bob.page.getByLabel('Message', { exact: true }).fill('Great.\nShipping it now.');
  await bob.page.getByLabel('Message', { exact: true }).press('Shift+Enter');
  await expect(bob.page.getByLabel('Message', { exact: true })).toHaveValue('Great.\nShipping it now.\n');
  await bob.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(messageBodies(alice.page).last()).toHaveText('Great.\nShipping it now.');

  const box = (await bob.page.locator('.conversation').boundingBox())!;
  await bob.page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await bob.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
  await expect(alice.page.locator('.cursor .cursor-name')).toHaveText('Bob');

  await alice.page.screenshot({ path: join(SCREENSHOTS, 'room.png') });
  await bob.context.close();
  await expect(presence).not.toContainText('Bob');
  await alice.context.close();
});

test('user text is shown as text: an HTML payload does not run or render', async ({ browser }) => {
  const mallory = await person(browser, '<b>Mallory</b>');
  const alice = await person(browser, 'Alice');
  await joinRoom(mallory.page, 'e2e-xss');
  await joinRoom(alice.page, 'e2e-xss');
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await say(mallory.page, payload);
  await expect(messageBodies(alice.page).last()).toHaveText(payload);
  await expect(log(alice.page).locator('img, script, b')).toHaveCount(0);
  await expect(alice.page.locator('.sender').last()).toHaveText('<b>Mallory</b>');
  await mallory.context.close();
  await alice.context.close();
});

test('the assistant streams its reply to everyone in the room, rendered as Markdown, and can be stopped', async ({ browser }) => {
  const alice = await person(browser, 'Alice', { admin: true });
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-ai');
  await joinRoom(bob.page, 'e2e-ai');

  await say(alice.page, '@assistant say hello');
  for (const page of [alice.page, bob.page]) {
    const reply = log(page).locator('.role-assistant article.message').last();
    await expect(reply).toHaveClass(/status-complete/);
    await expect(reply.locator('strong')).toHaveText('fake model');
    await expect(reply).toContainText('Hello from the fake model. Ask me anything.');
  }

  await say(bob.page, '@assistant count slowly');
  const slow = log(alice.page).locator('.role-assistant article.message').last();
  await expect(slow).toContainText('word3');
  await expect(slow).toHaveClass(/status-streaming/);
  await expect(log(bob.page).locator('.role-assistant article.message').last()).toContainText('word3');
  await alice.page.screenshot({ path: join(SCREENSHOTS, 'assistant-streaming.png') });
  await slow.getByRole('button', { name: 'Stop' }).click();
  await expect(slow).toHaveClass(/status-stopped/);
  await expect(log(bob.page).locator('.role-assistant article.message').last()).toHaveClass(/status-stopped/);

  await alice.page.getByRole('link', { name: 'Usage' }).click();
  await expect(alice.page.getByTestId('total-requests')).toHaveText('2');
  await expect(alice.page.locator('.chart canvas')).toHaveCount(3);
  await expect(alice.page.getByText('Tokens by AI participant and model')).toBeVisible();
  await expect(alice.page.locator('.live-dot')).toHaveText('live');
  const before = Number((await alice.page.getByTestId('total-tokens').textContent())!.replace(/\D/g, ''));
  expect(before).toBeGreaterThan(0);
  await say(bob.page, '@assistant once more');
  await expect(alice.page.getByTestId('total-requests')).toHaveText('3');
  await alice.page.screenshot({ path: join(SCREENSHOTS, 'usage.png') });
  await alice.context.close();
  await bob.context.close();
});

test('older messages load when scrolling up, and the rooms index shows activity', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  await joinRoom(alice.page, 'e2e-long');
  // 120 messages through the same protocol the app uses
  await alice.page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem('parley.session')!).token;
    const ws = new WebSocket(`ws://${location.host}/ws/rooms/e2e-long?access_token=${token}`);
    await new Promise((r) => (ws.onopen = r));
    let acks = 0;
    const done = new Promise<void>((r) => (ws.onmessage = (e) => JSON.parse(e.data).type === 'ack' && ++acks === 120 && r()));
    for (let i = 1; i <= 120; i++) ws.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), body: `seeded ${i}` }));
    await done;
    ws.close();
  });
  await expect(messageBodies(alice.page).last()).toHaveText('seeded 120');

  const reader = await person(browser, 'Reader');
  await joinRoom(reader.page, 'e2e-long');
  await expect(messageBodies(reader.page)).toHaveCount(50);
  await expect(messageBodies(reader.page).first()).toHaveText('seeded 71');
  for (let i = 0; i < 10 && (await messageBodies(reader.page).count()) < 120; i++) {
    await log(reader.page).evaluate((el) => (el.scrollTop = 0));
    await reader.page.waitForTimeout(300);
  }
  await expect(messageBodies(reader.page)).toHaveCount(120);
  await expect(messageBodies(reader.page).first()).toHaveText('seeded 1');
  expect(await seqsOf(reader.page)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  await expect(reader.page.getByText('This is the beginning of the room.')).toBeVisible();

  await reader.page.goto('/#/');
  const card = reader.page.getByRole('link', { name: /#e2e-long/ });
  await expect(card).toContainText('1 online');
  await expect(card).toContainText('120 messages');
  await reader.page.screenshot({ path: join(SCREENSHOTS, 'rooms.png') });
  await alice.context.close();
  await reader.context.close();
});

test('search finds a message as text with its words marked, and opening it jumps to it in its room', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  await joinRoom(alice.page, 'e2e-search');
  await alice.page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem('parley.session')!).token;
    const ws = new WebSocket(`ws://${location.host}/ws/rooms/e2e-search?access_token=${token}`);
    await new Promise((r) => (ws.onopen = r));
    let acks = 0;
    const done = new Promise<void>((r) => (ws.onmessage = (e) => JSON.parse(e.data).type === 'ack' && ++acks === 120 && r()));
    for (let i = 1; i <= 120; i++) {
      const body = i === 7 ? 'the <b>Quokka</b> plan, number 7' : `filler ${i}`;
      ws.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), body }));
    }
    await done;
    ws.close();
  });
  await alice.context.close();

  const bob = await person(browser, 'Bob');
  await bob.page.getByLabel('Search messages').fill('quokka PLAN');
  await bob.page.getByLabel('Search messages').press('Enter');
  const results = bob.page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('the <b>Quokka</b> plan, number 7');
  await expect(results.first().locator('mark')).toHaveText(['Quokka', 'plan']);
  await expect(results.first().locator('b')).toHaveCount(0);
  await bob.page.screenshot({ path: join(SCREENSHOTS, 'search.png') });

  await results.first().getByRole('link').click();
  await expect(bob.page.getByRole('heading', { name: '#e2e-search' })).toBeVisible();
  const found = log(bob.page).locator('article.message[data-seq="7"]');
  await expect(found).toHaveClass(/focused/);
  await expect(found).toBeInViewport();
  await expect(found.locator('.body')).toHaveText('the <b>Quokka</b> plan, number 7');

  await bob.page.getByLabel('Search messages').fill('nothing-like-this-anywhere');
  await bob.page.getByLabel('Search messages').press('Enter');
  await expect(bob.page.getByText('Nothing found.')).toBeVisible();
  await bob.context.close();
});

test('the author edits and deletes a message; the other person sees both live, and cannot change it', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-edits');
  await joinRoom(bob.page, 'e2e-edits');
  await say(alice.page, 'helo wrld');
  await say(alice.page, 'a message to take back');
  await expect(messageBodies(bob.page)).toHaveText(['helo wrld', 'a message to take back']);

  const first = log(alice.page).locator('article.message').filter({ hasText: 'helo wrld' });
  await first.hover();
  await first.getByRole('button', { name: 'Edit' }).click();
  await alice.page.getByLabel('Edit message').fill('hello world');
  await alice.page.getByLabel('Edit message').press('Enter');
  await expect(messageBodies(bob.page).first()).toHaveText('hello world');
  await expect(log(bob.page).locator('article.message').first().locator('.edited')).toHaveText('(edited)');
  await expect(messageBodies(alice.page).first()).toHaveText('hello world');

  const second = log(alice.page).locator('article.message').filter({ hasText: 'a message to take back' });
  await second.hover();
  await second.getByRole('button', { name: 'Delete' }).click();
  await second.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(messageBodies(bob.page).nth(1)).toHaveText('message deleted');
  await expect(messageBodies(alice.page).nth(1)).toHaveText('message deleted');

  const theirs = log(bob.page).locator('article.message').first();
  await theirs.hover();
  await expect(theirs.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(theirs.getByRole('button', { name: 'Delete' })).toHaveCount(0);

  // a fresh page load shows the current state
  await bob.page.reload();
  await expect(messageBodies(bob.page)).toHaveText(['hello world', 'message deleted']);
  await alice.context.close();
  await bob.context.close();
});

test('reactions: any emoji, toggled per person, with counts and who reacted, live for both', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-reactions');
  await joinRoom(bob.page, 'e2e-reactions');
  await say(alice.page, 'ship it?');
  const onBob = log(bob.page).locator('article.message').filter({ hasText: 'ship it?' });
  const onAlice = log(alice.page).locator('article.message').filter({ hasText: 'ship it?' });
  await onBob.hover();
  await onBob.getByRole('button', { name: 'Add a reaction' }).click();
  await onBob.getByRole('button', { name: 'React with 🎉' }).click();

  const party = (article: typeof onAlice) => article.locator('button.reaction', { hasText: '🎉' });
  await expect(party(onAlice)).toHaveAttribute('title', 'Bob');
  await expect(party(onAlice)).toHaveAttribute('aria-pressed', 'false');
  await expect(party(onAlice).locator('.count')).toHaveText('1');
  await party(onAlice).click();
  await expect(party(onBob).locator('.count')).toHaveText('2');
  await expect(party(onBob)).toHaveAttribute('title', 'Bob, Alice');
  await expect(party(onAlice)).toHaveAttribute('aria-pressed', 'true');

  await onAlice.hover();
  await onAlice.getByRole('button', { name: 'Add a reaction' }).click();
  await onAlice.getByLabel('Another emoji').fill('👩‍💻');
  await onAlice.getByLabel('Another emoji').press('Enter');
  await expect(onBob.locator('button.reaction', { hasText: '👩‍💻' }).locator('.count')).toHaveText('1');

  await party(onBob).click();
  await expect(party(onAlice).locator('.count')).toHaveText('1');
  await expect(party(onAlice)).toHaveAttribute('title', 'Alice');
  await bob.page.reload();
  await expect(party(log(bob.page).locator('article.message').filter({ hasText: 'ship it?' })).locator('.count')).toHaveText('1');
  await alice.context.close();
  await bob.context.close();
});

test('replies quote the message they answer; clicking the quote jumps to it, loading older pages', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  await joinRoom(alice.page, 'e2e-replies');
  const questionId = await alice.page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem('parley.session')!).token;
    const ws = new WebSocket(`ws://${location.host}/ws/rooms/e2e-replies?access_token=${token}`);
    await new Promise((r) => (ws.onopen = r));
    let acks = 0;
    const done = new Promise<void>((r) => (ws.onmessage = (e) => JSON.parse(e.data).type === 'ack' && ++acks === 61 && r()));
    const question = crypto.randomUUID();
    ws.send(JSON.stringify({ type: 'message', id: question, body: 'the original question' }));
    for (let i = 2; i <= 61; i++) ws.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), body: `filler ${i}` }));
    await done;
    ws.close();
    return question;
  });

  const bob = await person(browser, 'Bob');
  await joinRoom(bob.page, 'e2e-replies');
  const last = log(bob.page).locator('article.message').filter({ hasText: 'filler 61' });
  await last.hover();
  await last.getByRole('button', { name: 'Reply' }).click();
  await expect(bob.page.getByRole('status').filter({ hasText: 'Replying to Alice' })).toContainText('filler 61');
  await say(bob.page, 'answering the last filler');
  const answer = log(alice.page).locator('article.message').filter({ hasText: 'answering the last filler' });
  await expect(answer.locator('.reply-quote')).toHaveText('Alice filler 61');
  await expect(bob.page.getByRole('status').filter({ hasText: 'Replying to' })).toHaveCount(0);

  // a reply to a message far up: its quote scrolls there, loading older pages
  await alice.page.evaluate(async (replyTo) => {
    const token = JSON.parse(localStorage.getItem('parley.session')!).token;
    const ws = new WebSocket(`ws://${location.host}/ws/rooms/e2e-replies?access_token=${token}`);
    await new Promise((r) => (ws.onopen = r));
    const acked = new Promise<void>((r) => (ws.onmessage = (e) => JSON.parse(e.data).type === 'ack' && r()));
    ws.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), body: 'about that question', replyTo }));
    await acked;
    ws.close();
  }, questionId);
  const about = log(bob.page).locator('article.message').filter({ hasText: 'about that question' });
  await expect(about.locator('.reply-quote')).toHaveText('Alice the original question');
  await expect(log(bob.page).locator('article.message[data-seq="1"]')).toHaveCount(0);
  await about.locator('.reply-quote').click();
  const original = log(bob.page).locator('article.message[data-seq="1"]');
  await expect(original).toHaveClass(/focused/);
  await expect(original).toBeInViewport();
  await alice.context.close();
  await bob.context.close();
});

test('unread counts, the new-messages divider, mentions that reach a person who is away, and @ suggestions', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  // Bob's browser records notifications instead of showing them, and lets the test hide his tab
  await bob.page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title: string) {
        shown.push(title);
      }
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
    (window as unknown as { setHidden: (h: boolean) => void }).setHidden = (h: boolean) => {
      hidden = h;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
  await bob.page.reload();
  await joinRoom(alice.page, 'e2e-unread');
  await say(alice.page, 'before Bob came');
  await joinRoom(bob.page, 'e2e-unread');
  await expect(messageBodies(bob.page)).toHaveText(['before Bob came']);

  // Bob is on the room, but his tab is hidden: a mention counts in the title and notifies him
  await bob.page.evaluate(() => (window as unknown as { setHidden: (h: boolean) => void }).setHidden(true));
  await alice.page.getByLabel('Message', { exact: true }).fill('@Bo');
  await alice.page.getByRole('button', { name: '@Bob' }).click();
  await expect(alice.page.getByLabel('Message', { exact: true })).toHaveValue('@Bob ');
  await alice.page.getByLabel('Message', { exact: true }).pressSequentially('can you look?');
  await alice.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(bob.page).toHaveTitle('(1) #e2e-unread · Parley');
  expect(await bob.page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications)).toEqual([
    'Alice mentioned you in #e2e-unread',
  ]);
  await expect(log(bob.page).locator('article.message.mentions-me')).toHaveText(/@Bob can you look\?/);
  await bob.page.evaluate(() => (window as unknown as { setHidden: (h: boolean) => void }).setHidden(false));
  await expect(bob.page).toHaveTitle('#e2e-unread · Parley');

  // Bob leaves for the rooms list; what Alice says now is unread for him
  await bob.page.goto('/#/');
  await say(alice.page, 'first while Bob is away');
  await say(alice.page, 'second, @bob');
  const card = bob.page.getByRole('link', { name: /#e2e-unread/ });
  await expect(card.locator('.unread-badge')).toHaveText('2', { timeout: 10_000 });
  await expect(card.locator('.mention-badge')).toHaveText('@1');
  await expect(card).toHaveClass(/mentioned/);

  await card.click();
  const divider = log(bob.page).locator('.new-divider');
  await expect(divider).toHaveText('New messages');
  await expect(divider).toBeInViewport();
  await expect(log(bob.page).locator('.new-divider + article.message .body')).toHaveText('first while Bob is away');
  await bob.page.goto('/#/');
  await expect(card.locator('.unread-badge')).toHaveCount(0, { timeout: 10_000 });
  await expect(card.locator('.mention-badge')).toHaveCount(0);
  await alice.context.close();
  await bob.context.close();
});

test('an AI participant added in the settings answers its mention by name; a catch-up streams to the one who was away only', async ({
  browser,
}) => {
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-crew');
  await alice.page.getByRole('button', { name: 'Settings' }).click();
  await alice.page.getByRole('button', { name: 'Add an AI participant' }).click();
  const row = alice.page.getByTestId('participant');
  await row.getByLabel('Name (mentioned as @name)').fill('reviewer');
  await expect(row.getByLabel('Model')).toHaveValue('default/e2e-model');
  await row.getByLabel('Model').selectOption('default/e2e-model-large');
  await row.getByLabel('Persona').fill('You review strictly.');
  await alice.page.getByRole('button', { name: 'Save' }).click();
  await expect(alice.page.getByRole('dialog')).toHaveCount(0);

  await joinRoom(bob.page, 'e2e-crew');
  await bob.page.getByLabel('Message', { exact: true }).fill('@rev');
  await bob.page.getByRole('button', { name: '@reviewer' }).click();
  await bob.page.getByLabel('Message', { exact: true }).pressSequentially('is this ready?');
  await bob.page.getByLabel('Message', { exact: true }).press('Enter');
  const answer = log(alice.page).locator('section.role-assistant').last();
  await expect(answer.locator('.sender')).toHaveText('reviewer');
  await expect(answer.locator('.body').last()).toContainText('Hello from the fake model.', { timeout: 15_000 });

  // Bob steps away; Alice goes on; back in the room Bob asks for what he missed
  await bob.page.goto('/#/');
  await say(alice.page, 'we ship on Friday');
  await say(alice.page, 'the release notes need a review');
  await say(alice.page, 'and the demo moves to Monday');
  await expect(messageBodies(alice.page).last()).toHaveText('and the demo moves to Monday');
  const seqs = await seqsOf(alice.page);
  const [first, last] = [seqs.at(-3)!, seqs.at(-1)!];
  await bob.page.getByRole('link', { name: /#e2e-crew/ }).click();
  await bob.page.getByRole('button', { name: 'Catch up (3 new)' }).click();
  const panel = bob.page.getByTestId('catch-up');
  await expect(panel).toContainText('Catch-up: 3 messages');
  await expect(panel).toContainText('only you see this');
  await expect(panel.getByRole('listitem')).toHaveText([`It started #${first}`, `and ended #${last}`]);
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await bob.page.screenshot({ path: join(SCREENSHOTS, 'catch-up.png') });
  await expect(alice.page.getByTestId('catch-up')).toHaveCount(0);

  await panel.getByRole('link', { name: `#${first}` }).click();
  const cited = log(bob.page).locator(`article.message[data-seq="${first}"]`);
  await expect(cited).toHaveClass(/focused/);
  await expect(cited.locator('.body')).toHaveText('we ship on Friday');
  await panel.getByRole('button', { name: 'Close the catch-up' }).click();
  await expect(panel).toHaveCount(0);
  await alice.context.close();
  await bob.context.close();
});

test('a message the server refuses shows why and can be retried', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  // the first message frame gets a rate_limited error instead of reaching the server, as the
  // server answers a flood; everything else passes through to the real server
  let refusedOnce = false;
  await alice.page.routeWebSocket(/\/ws\/rooms\//, (socket) => {
    const upstream = socket.connectToServer();
    socket.onMessage((frame) => {
      const parsed = JSON.parse(String(frame));
      if (parsed.type === 'message' && !refusedOnce) {
        refusedOnce = true;
        socket.send(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'slow down: 10 messages per second', id: parsed.id }));
        return;
      }
      upstream.send(frame);
    });
    upstream.onMessage((frame) => socket.send(frame));
  });
  await joinRoom(alice.page, 'e2e-retry');
  await say(alice.page, 'try me again');
  const entry = alice.page.locator('article.message').last();
  await expect(entry).toHaveClass(/delivery-failed/);
  await expect(entry.getByRole('alert')).toContainText('Not sent: slow down: 10 messages per second');
  await entry.getByRole('button', { name: 'Retry' }).click();
  await expect(entry).toHaveClass(/delivery-sent/);
  expect(await seqsOf(alice.page)).toEqual([1]);
  await alice.context.close();
});

test('a token the server refuses at the handshake is renewed once, then the user is asked to sign in again', async ({ browser }) => {
  const mallory = await person(browser, 'Mallory');
  // the stored token's signature no longer matches: the handshake is answered 401 before any upgrade
  await mallory.page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('parley.session')!);
    const [head, body] = session.token.split('.');
    session.token = `${head}.${body}.${'A'.repeat(43)}`;
    localStorage.setItem('parley.session', JSON.stringify(session));
  });
  const handshakes: string[] = [];
  mallory.page.on('websocket', (socket) => handshakes.push(socket.url()));
  await mallory.page.goto('/#/rooms/e2e-forged');
  await mallory.page.reload();
  await expect(mallory.page.getByTestId('connection-status')).toHaveText('Disconnected: Your session ended. Sign in again.');
  await mallory.page.waitForTimeout(2000);
  // with the refused token: the first try and one after renewing, not a reconnect loop
  expect(handshakes.filter((url) => url.endsWith(`.${'A'.repeat(43)}`))).toHaveLength(2);
  await mallory.context.close();
});

test("a message typed before the welcome arrives is kept, sent and acked in its author's list", async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  // a cold server: the welcome and history reach the page 1.5 s after the socket opened
  await alice.page.routeWebSocket(/\/ws\/rooms\//, (socket) => {
    const upstream = socket.connectToServer();
    const opened = Date.now();
    socket.onMessage((frame) => upstream.send(frame));
    upstream.onMessage((frame) => {
      const wait = Math.max(0, opened + 1500 - Date.now());
      setTimeout(() => socket.send(frame), wait);
    });
  });
  await alice.page.goto('/#/');
  await alice.page.getByLabel('Join or create a room').fill('e2e-early');
  await alice.page.getByLabel('Join or create a room').press('Enter');
  await expect(alice.page.getByTestId('connection-status')).not.toHaveText('Connected');
  await say(alice.page, 'sent before the welcome');
  await expect(alice.page.getByTestId('connection-status')).toHaveText('Connected');
  const entry = alice.page.locator('article.message').last();
  await expect(entry.locator('.body')).toHaveText('sent before the welcome');
  await expect(entry).toHaveClass(/delivery-sent/);
  expect(await seqsOf(alice.page)).toEqual([1]);
  await alice.page.reload();
  await expect(messageBodies(alice.page)).toHaveText(['sent before the welcome']);
  await alice.context.close();
});

test('room settings: the creator renames the room and silences the assistant; others may not', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-settings');
  await joinRoom(bob.page, 'e2e-settings');

  await bob.page.getByRole('button', { name: 'Settings' }).click();
  await bob.page.getByLabel('Title').fill('Taken over');
  await bob.page.getByRole('button', { name: 'Save' }).click();
  await expect(bob.page.getByRole('dialog').getByRole('alert')).toHaveText("Only the room's creator or an admin can change its settings.");
  await bob.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(bob.page.getByRole('dialog')).toHaveCount(0);

  await alice.page.getByRole('button', { name: 'Settings' }).click();
  await expect(alice.page.getByLabel('Assistant', { exact: true })).toHaveValue('mention');
  await alice.page.getByLabel('Title').fill('Design review');
  await alice.page.getByLabel('Assistant', { exact: true }).selectOption('off');
  await alice.page.getByRole('button', { name: 'Save' }).click();
  await expect(alice.page.getByRole('dialog')).toHaveCount(0);
  await expect(bob.page.getByRole('heading', { name: '#Design review' })).toBeVisible();

  const requestsBefore = llm.requests;
  await say(alice.page, '@assistant are you there?');
  await expect(messageBodies(bob.page).last()).toHaveText('@assistant are you there?');
  await bob.page.waitForTimeout(2000);
  await expect(log(bob.page).locator('.role-assistant')).toHaveCount(0);
  expect(llm.requests).toBe(requestsBefore);
  await alice.context.close();
  await bob.context.close();
});

test('on a phone the room is usable and the login screen is shown first', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/');
  await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });
  await page.getByLabel('Your name').fill('Phone user');
  await page.getByLabel('Your name').press('Enter');
  await joinRoom(page, 'e2e-chat');
  await expect(page.getByRole('complementary', { name: 'People in this room' })).toBeHidden();
  await say(page, 'Sent from my phone');
  await expect(page.locator('article.message').last()).toHaveClass(/delivery-sent/);
  const composer = (await page.locator('.composer').boundingBox())!;
  expect(composer.y + composer.height).toBeLessThanOrEqual(780);
  await page.screenshot({ path: join(SCREENSHOTS, 'room-phone.png') });
  await context.close();
});

// The admin page as a moderator uses it while other people chat (docs/operations.md).
async function enterRoom(page: Page, room: string): Promise<void> {
  await page.goto(`/#/rooms/${room}`);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

const figure = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, ''));

test('the dashboard moves while two people chat; a user who is not an admin never sees the page', async ({ browser }) => {
  const root = await person(browser, 'Root Admin', { admin: true });
  await root.page.getByRole('link', { name: 'Admin' }).click();
  await expect(root.page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  await expect(root.page.getByTestId('dash-stored')).not.toHaveText('–');
  const storedBefore = await figure(root.page, 'dash-stored');

  const ann = await person(browser, 'Ann Dash');
  const ben = await person(browser, 'Ben Dash');
  await enterRoom(ann.page, 'dash-room');
  await enterRoom(ben.page, 'dash-room');
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
  const mod = await person(browser, 'Mona Moderator', { admin: true });
  const cara = await person(browser, 'Cara Calm');
  const dave = await person(browser, 'Dave Spammer');
  await enterRoom(cara.page, 'moderated');
  await enterRoom(dave.page, 'moderated');
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

test('a server restart: the app reconnects, resumes and shows no gaps or duplicates', async ({ browser }) => {
  test.setTimeout(240_000);
  const alice = await person(browser, 'Alice');
  const bob = await person(browser, 'Bob');
  await joinRoom(alice.page, 'e2e-restart');
  await joinRoom(bob.page, 'e2e-restart');
  for (let i = 1; i <= 3; i++) await say(alice.page, `before ${i}`);
  await expect(messageBodies(bob.page)).toHaveText(['before 1', 'before 2', 'before 3']);

  await server.stop();
  await expect(alice.page.getByTestId('connection-status')).toHaveText(/Reconnecting/);
  await say(alice.page, 'typed while the server was down');
  await expect(alice.page.locator('article.message').last()).toHaveClass(/delivery-pending/);

  await server.start();
  await expect(alice.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 30_000 });
  await expect(bob.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 30_000 });
  await expect(alice.page.locator('article.message').last()).toHaveClass(/delivery-sent/);
  await say(bob.page, 'after the restart');

  const expected = ['before 1', 'before 2', 'before 3', 'typed while the server was down', 'after the restart'];
  for (const page of [alice.page, bob.page]) {
    await expect(messageBodies(page)).toHaveText(expected);
    expect(await seqsOf(page)).toEqual([1, 2, 3, 4, 5]);
  }
  await alice.context.close();
  await bob.context.close();
});
