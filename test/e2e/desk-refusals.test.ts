import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { groupId, makeApplicant, makeApprovedEntry } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs } from '../support/test-server.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { ClaimsPage } from './pages/claims-page.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** Issue #20 points 1, 3, 6: refusals where the head acts, state-true buttons, the keyboard. */
describe('the head’s desk answers where she acts', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let shell: DeskPage;
  let api: ReturnType<typeof apiClient>;
  let sunny: string;

  beforeAll(async () => {
    desk = await startDeskFixture();
    const { db, url } = desk.server;
    sunny = await groupId(db, 'Солнышко');
    // Seats free only from 01.09.2026: an enrollment dated earlier is refused by the shared rule.
    const entry = await makeApprovedEntry(db, {
      groupId: sunny,
      birthYear: 2025,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    await makeApplicant(db, {
      birthDate: '2025-01-15',
      appliedAt: '2025-02-01T04:00:00Z',
      name: 'Бекова',
      login: 'p1',
      password: 'parent-pass-1',
    });
    api = apiClient(url, (await loginAs(url)).token);
    const publicationId = crypto.randomUUID();
    await api.push([
      newCommand('publication.publish', {
        publicationId,
        groupId: sunny,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2025,
        language: 'ru',
        seats: 2,
        availableFrom: '2026-09-01',
      }),
    ]);
    const parent = await parentSignIn(url, 'p1', 'parent-pass-1');
    expect((await parent.claim(publicationId)).status).toBeLessThan(300);
    ({ context, page } = await desk.newPage());
    shell = new DeskPage(page);
    const signIn = new SignInPage(page);
    await signIn.open(url);
    await signIn.signIn(head.login, head.password);
    await shell.tab('Сводка').waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  it('takes focus in the dialog, confirms the contract with Enter, then hides the action that is on its way', async () => {
    const claims = new ClaimsPage(page);
    await claims.open();
    await expectText(claims.status('Бекова'), 'выдано');
    const dialog = await claims.act('Бекова', 'Договор заключён');
    await eventually(() => dialog.evaluate((d) => d.contains(document.activeElement)), 'focus inside the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await claims.act('Бекова', 'Договор заключён');
    await eventually(() => page.getByRole('dialog').evaluate((d) => d.contains(document.activeElement)), 'focus');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expectText(page.getByTestId('action-feedback'), 'Отметка о договоре: записано, будет отправлено');
    await expectText(claims.status('Бекова'), 'договор заключён');
    expect(await claims.claim('Бекова').getAttribute('class')).toContain('row-acted');
  });

  it('refuses an enrollment before the seat is free inside the dialog, in the city’s date format, queuing nothing', async () => {
    const claims = new ClaimsPage(page);
    const dialog = await claims.act('Бекова', 'Зачислить');
    await dialog.getByLabel('Дата зачисления').fill('2026-06-10');
    await dialog.getByLabel('Номер приказа').fill('7-к');
    await dialog.getByRole('button', { name: 'Зачислить' }).click();
    const alert = dialog.getByTestId('local-refusal');
    await expectText(alert, /Не отправлено.*01\.09\.2026/);
    expect(await alert.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await alert.isVisible()).toBe(true);
    await expectText(shell.pendingCount(), 'Всё отправлено');
    // Enter in a field of a destructive form submits nothing.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const terminate = await claims.act('Бекова', 'Расторгнуть договор');
    await terminate.getByLabel('Номер приказа').fill('8-к');
    await terminate.getByLabel('Номер приказа').press('Enter');
    await expectText(shell.pendingCount(), 'Всё отправлено');
    expect(await terminate.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await terminate.waitFor({ state: 'detached' });
  });

  it('shows a server refusal on its row with what to do, dismissible; a later applied change puts it right', async () => {
    const groups = new GroupsPage(page);
    await groups.open();
    await api.push([newCommand('group.setCapacity', { groupId: sunny, capacity: 0 })]);
    const refusal = groups.row('Солнышко').getByTestId('row-refusal');
    await expectText(refusal, /Сервер отклонил: Изменение числа мест.*Нельзя уменьшить до 0.*Укажите не меньше/);
    const box = await refusal.boundingBox();
    expect(box && box.width > 0 && box.height > 0).toBe(true);
    await refusal.getByRole('button', { name: 'Скрыть отказ: Изменение числа мест' }).click();
    await refusal.waitFor({ state: 'detached' });
    let inbox = await shell.openRejections();
    await expectText(inbox.getByTestId('closed-rejections').getByTestId('rejection'), /скрыт/);
    await page.keyboard.press('Escape');
    await inbox.waitFor({ state: 'hidden' });

    await api.push([newCommand('group.setCapacity', { groupId: sunny, capacity: 1 })]);
    await expectText(refusal, /Нельзя уменьшить до 1/);
    await api.push([newCommand('group.setCapacity', { groupId: sunny, capacity: 25 })]);
    await refusal.waitFor({ state: 'detached' });
    inbox = await shell.openRejections();
    await expectText(inbox.getByTestId('closed-rejections'), /исправлено: действие выполнено позже/);
    await expectText(inbox, /Нет отказов, требующих внимания/);
    await page.keyboard.press('Escape');
    await inbox.waitFor({ state: 'hidden' });
  });
});
