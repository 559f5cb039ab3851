import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { calendarFromTable, kzCalendarDays, workingDaysBetween } from '../../shared/calendar/index.js';
import { seedDemoCity } from '../../server/demo/seed-city.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { assertRendererBuilt, launchChromium } from './browser.js';
import { eventually, expectText } from './expect-text.js';
import { ClaimsPage } from './pages/claims-page.js';
import { DeskPage } from './pages/desk-page.js';
import { ParentPortalPage } from './pages/parent-portal-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/** Tuesday 24 November 2026, 10:00 in Petropavlovsk: the demo city is seeded relative to it. */
const NOW = new Date('2026-11-24T05:00:00.000Z');
const cityTime = (instant: Date) => DateTime.fromJSDate(instant, { zone: 'Asia/Almaty' }).toFormat('dd.MM.yyyy, HH:mm');
const calendar = calendarFromTable(kzCalendarDays);
/** The desk's countdown in words: working days after today until the instant (shared calendar), or the last day's clock. */
function daysLeft(until: Date, language: 'ru' | 'kk'): RegExp {
  const n = workingDaysBetween(NOW, until, calendar);
  if (n === 0)
    return language === 'ru' ? /\(последний день, осталось \d\d:\d\d:\d\d\)/ : /\(соңғы күн, \d\d:\d\d:\d\d қалды\)/;
  if (language === 'kk') return new RegExp(`\\(${n} жұмыс күні қалды\\)`);
  const form = new Intl.PluralRules('ru').select(n);
  const words =
    form === 'one' ? 'остался # рабочий день' : form === 'many' ? 'осталось # рабочих дней' : 'осталось # рабочих дня';
  return new RegExp(`\\(${words.replace('#', String(n))}\\)`);
}

describe('the parent page against the central server, on a small demo city', () => {
  let database: TestDatabase;
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let portal: ParentPortalPage;
  const cspViolations: string[] = [];

  /** The login and child of a parent who may claim at the demo kindergarten in its queue window now. */
  async function parentInTurn(skip = 0) {
    const [row] = await database.db.query<{ login: string; name: string; closes: Date; publication_id: string }>(
      `select a.login, concat_ws(' ', a.child_last_name, a.child_first_name, nullif(a.child_middle_name, '')) as name,
              p.window_closes_at as closes, p.id as publication_id
         from publication_turns t join applicants a on a.id = t.applicant_id join publications p on p.id = t.publication_id
        where p.kindergarten_id = $1 and p.window_closes_at > $2 and p.withdrawn_at is null
          and exists (select 1 from seats s where s.publication_id = p.id and s.status = 'open')
          and not exists (select 1 from referrals r where r.applicant_id = a.id) -- a fresh child: one row on the board
        order by a.login offset $3 limit 1`,
      [demoKindergarten.id, NOW, skip],
    );
    if (!row) throw new Error('the demo city has no parent in turn at the demo kindergarten');
    return row;
  }

  beforeAll(async () => {
    assertRendererBuilt();
    database = await openTestDatabase('pglite');
    await seedDemoCity(database.db, { now: () => NOW }, { seed: 11, size: 'small' });
    server = await startDemoServer(database.db, { serveRenderer: true, heartbeatMs: 1_000 });
    server.clock.set(NOW);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ru-RU',
      timezoneId: 'Asia/Tokyo',
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (error) => console.error('page error:', error));
    portal = new ParentPortalPage(page);
    await portal.open(server.url);
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations.splice(0)).toEqual([]);
  });

  it('signs in as a demo parent and shows the child, the offers with their phase and why, and the approved schedule', async () => {
    const parent = await parentInTurn();
    await portal.signIn(parent.login);
    await expectText(portal.childHeading(), `Ребёнок: ${parent.name}`);
    const offer = portal.claimable().filter({ hasText: 'Ваша очередь подошла' }).first();
    // The window's end in the city's time, whatever the browser's own zone (Tokyo here).
    await expectText(offer, new RegExp(`Период очереди до ${cityTime(parent.closes).replace('.', '\\.')}`));
    // Counted down as the desk does: working days (shared calendar), with the closing time.
    await expectText(offer, daysLeft(parent.closes, 'ru'));
    await expectText(offer, /Раннее бронирование: место освободится \d\d\.\d\d\.2027/);
    // Offers the child may not take say why, in words.
    const reasons = await page.locator('#offers .reason').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(/reason\.|\{|undefined/);
    expect(await portal.scheduleRows().count()).toBeGreaterThan(0);
    const mine = await portal.scheduleRows().count();
    await portal.showWholeCity();
    await eventually(async () => (await portal.scheduleRows().count()) > mine, 'the whole city’s schedule');
    await expectText(page.locator('#server-clock'), /^\d\d:\d\d:\d\d$/);
  });

  it('claims a seat, shows the referral and its contract deadline, and concludes the contract', async () => {
    const parent = await parentInTurn();
    await portal.signIn(parent.login);
    const offer = portal.claimable().filter({ hasText: 'Ваша очередь подошла' }).first();
    await offer.getByRole('button', { name: 'Получить направление' }).click();
    await expectText(
      portal.notice(),
      /^Направление № 2026-\d{6} получено\. Заключите договор до \d\d\.\d\d\.\d{4}, \d\d:\d\d\.$/,
    );
    const [referral] = await database.db.query<{ number: string; contract_deadline: Date; status: string }>(
      `select r.number, r.contract_deadline, r.status from referrals r join applicants a on a.id = r.applicant_id where a.login = $1`,
      [parent.login],
    );
    expect(referral?.status).toBe('active');
    const card = portal.referral(`Направление № ${referral!.number}`);
    await expectText(
      card,
      new RegExp(`Заключить договор до ${cityTime(referral!.contract_deadline).replace('.', '\\.')}`),
    );
    await expectText(card, daysLeft(referral!.contract_deadline, 'ru'));
    await expectText(card, /выдано, ждёт договора/);
    // In Kazakh: the same date and time format, the deadline without a case ending to get wrong.
    await page.getByRole('button', { name: 'Қазақша' }).click();
    const cardKk = portal.referrals().first();
    await expectText(
      cardKk,
      new RegExp(`Шарт жасау мерзімі: ${cityTime(referral!.contract_deadline).replace('.', '\\.')}`),
    );
    await expectText(cardKk, daysLeft(referral!.contract_deadline, 'kk'));
    await page.getByRole('button', { name: 'Русский' }).click();
    // The child now holds a referral: every other offer says so.
    await expectText(page.locator('#offers .reason').first(), 'У ребёнка уже есть направление или договор.');

    await card.getByRole('button', { name: 'Заключить договор' }).click();
    await expectText(portal.notice(), 'Договор заключён.');
    await expectText(card, /договор заключён/);
    await eventually(
      async () =>
        (
          await database.db.query(
            `select 1 from referrals where number = $1 and status = 'contracted' and contract_concluded_by = 'parent'`,
            [referral!.number],
          )
        ).length === 1,
      'the contract in the database',
    );
  });

  it('refuses a referral after confirming, and the seat returns to the queue', async () => {
    const parent = await parentInTurn();
    await portal.signIn(parent.login);
    await portal.claimable().first().getByRole('button', { name: 'Получить направление' }).click();
    await expectText(portal.notice(), /получено/);
    const card = portal.referrals().first();
    await card.getByRole('button', { name: 'Отказаться' }).click();
    await card.getByRole('button', { name: 'Подтвердите отказ' }).click();
    await expectText(portal.notice(), 'Вы отказались от направления; место вернулось в очередь.');
    await expectText(card, /вы отказались/);
    const [seat] = await database.db.query<{ status: string; republished_as: string | null }>(
      `select s.status, s.republished_as from referrals r join seats s on s.id = r.seat_id join applicants a on a.id = r.applicant_id
        where a.login = $1`,
      [parent.login],
    );
    expect(seat?.status).toBe('returned');
    expect(seat?.republished_as).not.toBeNull();
  });

  it('shows the server’s refusal of a claim in words (the kindergarten withdrew the seats meanwhile)', async () => {
    const parent = await parentInTurn();
    await portal.signIn(parent.login);
    const button = portal.claimable().filter({ hasText: 'Ваша очередь подошла' }).first().getByRole('button');
    await button.waitFor();
    await database.db.query('update publications set withdrawn_at = $2 where id = $1', [parent.publication_id, NOW]);
    await button.click();
    await expectText(portal.notice(), 'Публикация отозвана.');
    await database.db.query('update publications set withdrawn_at = null where id = $1', [parent.publication_id]);
  });

  it('speaks Kazakh when asked, and remembers it', async () => {
    const parent = await parentInTurn();
    await portal.signIn(parent.login);
    await portal.switchLanguage('Қазақша');
    await expectText(page.getByRole('heading', { level: 1 }), /Ата-ана порталы/);
    await expectText(portal.childHeading(), `Бала: ${parent.name}`);
    await expectText(page.locator('#offers-title'), 'Сізге қазір ашық орындар');
    await expectText(portal.claimable().first().getByRole('button'), 'Жолдама алу');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    await page.reload();
    await expectText(portal.childHeading(), `Бала: ${parent.name}`);
    // Signing out ends the session on the server (issue 17, point 6): the page's token stops working.
    const token = await page.evaluate(() => sessionStorage.getItem('parent-page.token'));
    const referrals = () =>
      fetch(`${server.url}/api/parent/referrals`, { headers: { authorization: `Bearer ${token}` } });
    expect((await referrals()).status).toBe(200);
    await portal.signOut();
    await page.getByLabel('Логин').waitFor();
    await expect(portal.childHeading().count()).resolves.toBe(0);
    expect((await referrals()).status).toBe(401);
  });

  it('tells a wrong password apart', async () => {
    await portal.signIn('p0001', 'wrong-password');
    await expectText(portal.signInError(), 'Неверный логин или пароль.');
    await expect(portal.childHeading().count()).resolves.toBe(0);
  });

  it('shows the claim on the head’s live claims board the moment the parent makes it', async () => {
    const desk = await context.newPage();
    const signIn = new SignInPage(desk);
    await signIn.open(server.url);
    await signIn.signIn(demoAccounts[0].login, demoAccounts[0].password);
    const shell = new DeskPage(desk);
    await shell.tab('Сводка').waitFor();
    const board = new ClaimsPage(desk);
    await board.open();

    const parent = await parentInTurn();
    await page.bringToFront();
    await portal.signIn(parent.login);
    await portal.claimable().filter({ hasText: 'Ваша очередь подошла' }).first().getByRole('button').click();
    await expectText(portal.notice(), /получено/);
    await desk.bringToFront();
    await board.claim(parent.name).waitFor({ timeout: 10_000 });
  });
});
