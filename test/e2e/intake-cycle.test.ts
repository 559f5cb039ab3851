import type { BrowserContext, Page } from 'playwright-core';
import { calendarFromTable, kzCalendarDays } from '../../shared/calendar/index.js';
import { defaultRegionalSettings, windowClosesAt } from '../../shared/rules/index.js';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { blockApplicant } from '../../server/intake/blocking.js';
import { groupId, makeApplicant, makeEnrollment } from '../support/intake-fixtures.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs } from '../support/test-server.js';
import { startDeskFixture, TEST_NOW, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { ChildrenPage, ClaimsPage } from './pages/claims-page.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SchedulePage } from './pages/schedule-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** The whole intake cycle, in Russian, by the head: plan, publish, watch claims, enroll, depart, terminate. */
describe('the intake cycle on the staff desk', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let shell: DeskPage;
  let secondApplicant: string;

  beforeAll(async () => {
    desk = await startDeskFixture();
    const db = desk.server.db;
    await makeApplicant(db, {
      birthDate: '2025-01-15',
      appliedAt: '2025-02-01T04:00:00Z',
      name: 'Сейткали',
      login: 'parent1',
      password: 'parent-pass-1',
    });
    secondApplicant = await makeApplicant(db, {
      birthDate: '2025-02-20',
      appliedAt: '2025-03-01T04:00:00Z',
      name: 'Нурланова',
      login: 'parent2',
      password: 'parent-pass-2',
    });
    ({ context, page } = await desk.newPage());
    shell = new DeskPage(page);
    const signIn = new SignInPage(page);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
    await shell.tab('Сводка').waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  it('plans a schedule entry, submits it, and shows the department’s approval', async () => {
    const schedule = new SchedulePage(page);
    await schedule.open();
    await schedule.addEntry({ group: 'Солнышко', birthYear: '2025', seats: '2', availableFrom: '2026-06-03' });
    await expectText(schedule.status(), 'черновик');
    await schedule.submit();
    await expectText(schedule.status(), 'на утверждении');
    await desk.server.db.query(
      `update schedule_entries set status = 'approved', decided_at = now(), updated_at = now()`,
    );
    await expectText(schedule.status(), 'утверждено');
  });

  it('previews from the shared calendar when the window closes and the seats open to all, then publishes', async () => {
    const schedule = new SchedulePage(page);
    const dialog = await schedule.openPublish();
    const closes = windowClosesAt(TEST_NOW, defaultRegionalSettings, calendarFromTable(kzCalendarDays));
    expect(closes.toISOString()).toBe('2026-06-08T18:59:59.999Z');
    await expectText(dialog.windowCloses(), /3 рабочих дня.*08\.06\.2026, 23:59/);
    await expectText(dialog.opensToAll(), /09\.06\.2026, 00:00/);
    await dialog.confirm();
    await shell.open('Публикации');
    await expectText(page.getByTestId('phase'), 'период очереди');
    await expectText(page.getByTestId('publication-seats'), 'всего 2, занято 0, свободно 2');
  });

  it('shows a parent’s claim on the open board without a reload, with its countdown in working days', async () => {
    const claims = new ClaimsPage(page);
    await claims.open();
    const [publication] = await desk.server.db.query<{ id: string }>('select id from publications');
    const parent = await parentSignIn(desk.server.url, 'parent1', 'parent-pass-1');
    const claimed = await parent.claim(publication!.id);
    expect(claimed.status).toBeLessThan(300);
    await expectText(claims.status('Сейткали'), 'выдано');
    await expectText(
      claims.claim('Сейткали').getByTestId('countdown'),
      /10\.06\.2026, 23:59 · осталось 5 рабочих дней/,
    );
  });

  it('marks the contract and enrolls the child by order', async () => {
    const claims = new ClaimsPage(page);
    await claims.markContract('Сейткали');
    await expectText(claims.status('Сейткали'), 'договор заключён');
    await claims.enroll('Сейткали', '12-к');
    await expectText(claims.status('Сейткали'), 'зачислен');
    const children = new ChildrenPage(page);
    await children.open();
    await children.child('Сейткали').waitFor();
  });

  it('terminates the contract: the child leaves, the register and a vacancy show it', async () => {
    const children = new ChildrenPage(page);
    await children.terminate('Сейткали', '14-к', 'Семья переезжает в Астану');
    await expectText(children.child('Сейткали').getByTestId('departed-on'), '03.06.2026');
    const history = await children.history('Сейткали');
    // Every step with what the head typed: the orders' numbers and dates, the group, the reason, the note.
    const steps = history.getByTestId('history-step');
    await expectText(steps.filter({ hasText: 'Зачислен' }), /приказ № 12-к от 03\.06\.2026.*группа «Солнышко»/);
    await expectText(
      steps.filter({ hasText: 'Выбыл' }),
      /Выбыл: расторжение договора.*03\.06\.2026.*приказ № 14-к от 03\.06\.2026.*основание: заявление родителя.*примечание: Семья переезжает в Астану/,
    );
    await page.keyboard.press('Escape');
    await shell.open('Публикации');
    await page.getByTestId('vacancy').waitFor();
  });

  it('graduates the preschool group to school, into the movement register', async () => {
    await makeEnrollment(desk.server.db, {
      groupId: await groupId(desk.server.db, 'Жұлдыз'),
      enrolledOn: '2025-09-01',
    });
    const groups = new GroupsPage(page);
    await groups.open();
    await groups.graduate('Жұлдыз', '2026-06-30', '15-в');
    await expectText(groups.register(), /выпуск в школу/);
    await expectText(groups.register(), /расторжение договора/);
  });

  it('refuses an impossible capacity in place, queuing nothing, and shows a refusal from another PC in the inbox', async () => {
    const groups = new GroupsPage(page);
    await groups.changeCapacity('Жұлдыз', '0');
    await expectText(
      groups.row('Жұлдыз').getByRole('alert'),
      /Не отправлено: Нельзя уменьшить до 0: на 03\.06\.2026 занято 1\./,
    );
    await expectText(shell.pendingCount(), 'Всё отправлено');
    const api = apiClient(desk.server.url, (await loginAs(desk.server.url)).token);
    const zhuldyz = await groupId(desk.server.db, 'Жұлдыз');
    await api.push([newCommand('group.setCapacity', { groupId: zhuldyz, capacity: 0 })]);
    await expectText(groups.row('Жұлдыз').getByTestId('row-refusal'), /Сервер отклонил: Изменение числа мест/);
    const inbox = await shell.openRejections();
    await expectText(inbox.getByTestId('rejection-reason'), 'Нельзя уменьшить до 0: на 03.06.2026 занято 1.');
    await inbox.getByRole('button', { name: 'Показать' }).click();
    await groups.heading().waitFor();
  });

  it('explains a termination made automatically when the department blocks the applicant', async () => {
    const [publication] = await desk.server.db.query<{ id: string }>('select id from publications');
    const parent = await parentSignIn(desk.server.url, 'parent2', 'parent-pass-2');
    expect((await parent.claim(publication!.id)).status).toBeLessThan(300);
    const claims = new ClaimsPage(page);
    await claims.open();
    await expectText(claims.status('Нурланова'), 'выдано');
    await blockApplicant(desk.server.db, desk.server.clock, secondApplicant, 'account shared');
    await expectText(claims.status('Нурланова'), 'расторгнуто');
    const dialog = await claims.act('Нурланова', 'История');
    await expectText(dialog.getByTestId('blocked-explained'), /заблокировал учётную запись заявителя/);
    await page.keyboard.press('Escape');
    await eventually(async () => (await page.getByRole('dialog').count()) === 0, 'the dialog to close');
  });
});
