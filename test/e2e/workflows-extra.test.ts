import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { groupId, makeApprovedEntry, makeEnrollment } from '../support/intake-fixtures.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { PublicationsPage } from './pages/publications-page.js';
import { SchedulePage } from './pages/schedule-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** The head's other decisions, in Russian: withdrawing unclaimed seats and the August move-up. */
describe('withdrawing seats and moving groups up on the staff desk', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    desk = await startDeskFixture();
    const db = desk.server.db;
    await makeApprovedEntry(db, {
      groupId: await groupId(db, 'Колокольчик'),
      birthYear: 2024,
      seats: 3,
      availableFrom: '2026-06-03',
    });
    const sunny = await groupId(db, 'Солнышко');
    await makeEnrollment(db, { groupId: sunny, enrolledOn: '2025-09-01', birthDate: '2024-03-03' });
    await makeEnrollment(db, { groupId: sunny, enrolledOn: '2025-09-01', birthDate: '2024-05-05' });
    ({ context, page } = await desk.newPage());
    const signIn = new SignInPage(page);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
    await new DeskPage(page).tab('Сводка').waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  it('publishes an approved entry, then withdraws its unclaimed seats', async () => {
    const schedule = new SchedulePage(page);
    await schedule.open();
    await expectText(schedule.status(), 'утверждено');
    const dialog = await schedule.openPublish();
    await dialog.confirm();
    // State-true buttons (#20.3): a fully published entry offers no "Publish"; the action is confirmed where it was taken.
    await expectText(page.getByTestId('action-feedback'), /Публикация мест: записано/);
    await eventually(
      async () => (await schedule.entries().first().getByRole('button', { name: 'Опубликовать' }).count()) === 0,
      'no Publish on the fully published entry',
    );

    const publications = new PublicationsPage(page);
    await publications.open();
    await expectText(publications.seats(), 'всего 3, занято 0, свободно 3');
    await expectText(publications.phase(), 'период очереди');
    await publications.withdraw();
    await expectText(publications.phase(), 'снято');
    await expectText(publications.seats(), 'всего 3, занято 0, свободно 0');
    expect(await publications.withdrawButton().count()).toBe(0);

    const seats = await desk.server.db.query<{ status: string }>('select status from seats');
    expect(seats.map((s) => s.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
    const withdrawn = await desk.server.db.query<{ withdrawn_at: Date | null }>(
      'select withdrawn_at from publications',
    );
    expect(withdrawn[0]?.withdrawn_at).not.toBeNull();
  });

  it('moves a group up in August: its children go to the group of the next age, in the register', async () => {
    const db = desk.server.db;
    const sunny = await groupId(db, 'Солнышко');
    const bell = await groupId(db, 'Колокольчик');
    const attending = async (group: string) =>
      (
        await db.query<{ n: number }>(
          'select count(*)::int as n from enrollments where group_id = $1 and departed_on is null and not deleted',
          [group],
        )
      )[0]!.n;
    const bellBefore = await attending(bell);
    expect(await attending(sunny)).toBe(2);

    const groups = new GroupsPage(page);
    await groups.open();
    await groups.moveUp({ Солнышко: 'Колокольчик' }, '2026-08-31', '15-к');
    await expectText(groups.register(), /перевод/);

    await eventually(async () => (await attending(sunny)) === 0, 'the children moved on the server');
    expect(await attending(bell)).toBe(bellBefore + 2);
    const departures = await db.query<{ group_id: string; kind: string; children: number; order_number: string }>(
      `select group_id, kind, children, order_number from departures`,
    );
    expect(departures).toEqual([{ group_id: sunny, kind: 'move_up', children: 2, order_number: '15-к' }]);
    const command = await db.query<{ status: string }>(`select status from commands where kind = 'departure.moveUp'`);
    expect(command.map((c) => c.status)).toEqual(['applied']);
  });

  it('moves a group up whole in August, relabelled to the next age group', async () => {
    const db = desk.server.db;
    const rainbow = await groupId(db, 'Радуга');
    const groups = new GroupsPage(page);
    await groups.open();
    await groups.moveUp({ Радуга: 'Радуга остаётся группой, становится: Предшкольная' }, '2026-08-31', '16-к');
    // Relabelled from the move-up's date (issue #16): until then the group keeps its age group.
    await eventually(async () => {
      const [group] = await db.query<{ age_group: string; next_age_group: string; next_age_group_on: string }>(
        'select age_group, next_age_group, next_age_group_on::text as next_age_group_on from groups where id = $1',
        [rainbow],
      );
      return (
        group?.next_age_group === 'preschool' &&
        group.next_age_group_on === '2026-08-31' &&
        group.age_group !== 'preschool'
      );
    }, 'the group relabelled on the server from 31.08.2026');
  });
});
