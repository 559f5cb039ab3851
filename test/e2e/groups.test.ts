import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoAccounts } from '../../server/db/seed.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { assertRendererBuilt, launchChromium } from './browser.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

describe('the staff desk in a browser against the central server', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    assertRendererBuilt();
    database = await openTestDatabase('pglite');
    server = await startTestServer(database.db, { serveRenderer: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
  });
  afterEach(async () => {
    await context.close();
  });

  it('signs in, shows the groups, and shows a capacity changed on the server without a reload', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    await groups.heading().waitFor();
    await expectText(groups.capacityOf('Солнышко'), '15');
    await expectText(groups.connection(), 'В сети · поток');

    await server.db.query(`update groups set capacity = 12, updated_at = now() where name = 'Солнышко'`);
    await expectText(groups.capacityOf('Солнышко'), '12');
  });

  it('sends a capacity change as a command that the server applies', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    await groups.heading().waitFor();
    await groups.changeCapacity('Радуга', '23');
    await expectText(groups.capacityOf('Радуга'), '23');
    const rows = await server.db.query<{ capacity: number }>(`select capacity from groups where name = 'Радуга'`);
    expect(rows[0]?.capacity).toBe(23);
    const commands = await server.db.query<{ status: string }>(
      `select status from commands where kind = 'group.setCapacity'`,
    );
    expect(commands.map((c) => c.status)).toContain('applied');
  });

  it('refuses a capacity out of range in the form, before anything is sent', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    await groups.heading().waitFor();
    const before = await server.db.query('select id from commands');
    await groups.changeCapacity('Ақбота', '500');
    await expectText(page.getByRole('alert'), 'Число мест — от 0 до 60.');
    expect(await server.db.query('select id from commands')).toHaveLength(before.length);
  });

  it('tells a wrong password apart and keeps the user on the sign-in form', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn(head.login, 'wrong-password');
    await expectText(signIn.error(), 'Неверный логин или пароль.');
  });

  it('switches the interface to Kazakh and English', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    await groups.heading().waitFor();
    await groups.switchLanguage('Қазақша');
    await page.getByRole('heading', { name: 'Топтар' }).waitFor();
    await expectText(groups.row('Ақбота').locator('td').first(), 'Ортаңғы');
    await groups.switchLanguage('English');
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
  });

  it('opens straight to the desk on the next start, from the kept session', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    await groups.heading().waitFor();
    await page.reload();
    await groups.heading().waitFor();
    await expectText(groups.capacityOf('Солнышко'), /\d+/);
  });
});

/** Waits (polling, up to 10 s) until the locator's text matches. */
async function expectText(locator: Locator, expected: string | RegExp) {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout: 10_000 }).catch(() => '')) ?? '';
    if (typeof expected === 'string' ? last.trim() === expected : expected.test(last)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected text ${String(expected)}, last seen "${last}"`);
}
