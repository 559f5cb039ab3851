import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { calendarFromTable, kzCalendarDays, workingDaysBetween } from '../../shared/calendar/index.js';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { groupId, makeApplicant, makeApprovedEntry } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs } from '../support/test-server.js';
import { startDeskFixture, TEST_NOW, type DeskFixture } from './desk-fixture.js';
import { expectText } from './expect-text.js';
import { ClaimsPage } from './pages/claims-page.js';
import { DeskPage } from './pages/desk-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const calendar = calendarFromTable(kzCalendarDays);

/**
 * Issue 7, point 5 (office clocks) and point 6 (personal data at rest): with the PC's clock off
 * by days and hours and its zone wrong, the desk shows the same deadlines, countdowns and order as
 * a correctly set PC, because it counts on the server's clock in the city's zone; moving the
 * server's clock moves the countdowns, never the stored deadlines. The replica in IndexedDB holds
 * the IIN only encrypted, and a whole IIN is still found through its keyed hash.
 */
describe('office clocks and personal data at rest', () => {
  let desk: DeskFixture;
  const contexts: BrowserContext[] = [];
  const children = ['Ахметова', 'Бекова'];
  const iins: string[] = [];

  beforeAll(async () => {
    desk = await startDeskFixture();
    const db = desk.server.db;
    const group = await groupId(db, 'Колокольчик');
    const entry = await makeApprovedEntry(db, {
      groupId: group,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    for (const [i, name] of children.entries()) {
      const id = await makeApplicant(db, {
        birthDate: '2024-02-02',
        appliedAt: `2024-0${i + 3}-01T00:00:00Z`,
        name,
        login: `clock-parent-${i}`,
        password: `clock-pass-${i}`,
      });
      iins.push((await db.query<{ iin: string }>('select iin from applicants where id = $1', [id]))[0]!.iin);
    }
    const publicationId = randomUUID();
    const staff = (await loginAs(desk.server.url)).token;
    await apiClient(desk.server.url, staff).push([
      newCommand('publication.publish', {
        publicationId,
        groupId: group,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2024,
        language: 'ru',
        seats: 2,
        availableFrom: '2026-09-01',
      }),
    ]);
    for (const i of [0, 1]) {
      const parent = await parentSignIn(desk.server.url, `clock-parent-${i}`, `clock-pass-${i}`);
      expect((await parent.claim(publicationId)).status).toBe(200);
      desk.server.clock.advance(HOUR);
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  /** A desk on a PC whose clock is `skewMs` off and whose zone is `timezoneId`, on the claims board. */
  async function claimsOn(timezoneId: string, skewMs: number): Promise<{ page: Page; claims: ClaimsPage }> {
    const context = await desk.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'ru-RU',
      timezoneId,
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.clock.install({ time: Date.now() + skewMs });
    const signIn = new SignInPage(page);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
    await new DeskPage(page).tab('Сводка').waitFor();
    const claims = new ClaimsPage(page);
    await claims.open();
    await expectText(page.getByTestId('claims-count'), /Показано 2 из 2/, 20_000);
    return { page, claims };
  }
  const board = async (page: Page): Promise<Array<[string, string]>> =>
    page
      .getByTestId('claim')
      .evaluateAll((rows) =>
        rows.map((r): [string, string] => [
          r.querySelector('th')?.textContent ?? '',
          r.querySelector('[data-testid=countdown]')?.textContent ?? '',
        ]),
      );
  const deadlinesOf = (rows: Array<[string, string]>) =>
    rows.map(([name, countdown]) => [name, countdown.split(' · ')[0]]);

  it('shows the same deadlines, countdowns and order whatever the PC’s clock and zone say', async () => {
    const right = await claimsOn('Asia/Almaty', 0);
    const wrong = await claimsOn('America/New_York', -(3 * DAY + 7 * HOUR));
    const ahead = await claimsOn('Asia/Tokyo', 2 * DAY + 5 * HOUR);
    const reference = await board(right.page);
    const deadlines = await desk.server.db.query<{ contract_deadline: Date }>(
      'select contract_deadline from referrals order by claimed_at desc',
    );
    const left = workingDaysBetween(desk.server.clock.now(), deadlines[0]!.contract_deadline, calendar);
    expect(reference).toHaveLength(2);
    expect(reference[0]![1]).toContain(`осталось ${left} рабочих дн`);
    expect(await board(wrong.page)).toEqual(reference);
    expect(await board(ahead.page)).toEqual(reference);

    // The server's clock moves a day: countdowns follow it (at the next heartbeat), deadlines stay.
    desk.server.clock.advance(DAY);
    const after = workingDaysBetween(desk.server.clock.now(), deadlines[0]!.contract_deadline, calendar);
    expect(after).toBe(left - 1);
    for (const { page } of [wrong, ahead]) {
      await expectText(page.getByTestId('countdown').first(), new RegExp(`осталось ${after} рабоч`), 15_000);
      const moved = await board(page);
      expect(deadlinesOf(moved)).toEqual(deadlinesOf(reference));
    }
    desk.server.clock.set(new Date(TEST_NOW.getTime() + 2 * HOUR));
  });

  it('keeps the IIN encrypted in IndexedDB and still finds a child by the whole IIN', async () => {
    const { page, claims } = await claimsOn('Asia/Almaty', 0);
    const stored = await page.evaluate(async () => {
      const names = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((n) => n.includes('kg_') && n.includes('referrals'));
      const texts: string[] = [];
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
          });
          texts.push(JSON.stringify(all));
        }
        db.close();
      }
      return { names, text: texts.join('\n') };
    });
    expect(stored.names.length).toBeGreaterThan(0);
    expect(stored.text).toContain('Ахметова');
    for (const iin of iins) expect(stored.text).not.toContain(iin);

    await claims.search(iins[1]!);
    await expectText(page.getByTestId('claims-count'), 'Показано 1 из 2');
    await expectText(page.getByTestId('claim').first().locator('th'), /Бекова/);
    await claims.search('000000000000');
    await expectText(page.getByTestId('claims-count'), 'Показано 0 из 2');
  });
});
