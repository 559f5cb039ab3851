import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { groupId, makeApplicant, nextIin, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs } from '../support/test-server.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { languageLabels, screens, type Language } from './pages/screens.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];
const CHILDREN = 320;
const GROUPS = ['Солнышко', 'Балдырған', 'Колокольчик', 'Ақбота', 'Радуга', 'Жұлдыз'];
const tab = (id: string, language: Language) => screens.find((s) => s.id === id)!.tab[language];

/** What the page shows that a reader cannot read at 1366×768: cut chips, small buttons, things off screen. */
function unreadable(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    const main = document.querySelector('section[aria-labelledby]')!;
    const cutChips = [...main.querySelectorAll('.mantine-Badge-root, .mantine-Badge-label')]
      .filter((el) => visible(el) && el.scrollWidth > el.clientWidth)
      .map((el) => `${el.textContent} ${el.scrollWidth}>${el.clientWidth}`);
    const smallButtons = [...main.querySelectorAll('button')]
      .filter(visible)
      .map((b) => ({ text: b.textContent, r: b.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 24 || r.height < 24)
      .map(({ text, r }) => `${text} ${r.width}×${r.height}`);
    const offScreen = [...main.querySelectorAll('button, input, select, .mantine-Badge-root, td, th')]
      .filter(visible)
      .map((el) => ({ text: el.textContent, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.left < 0 || r.right > window.innerWidth)
      .map(({ text }) => text);
    const numbersWrapped = [...main.querySelectorAll('td.number')]
      .filter((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      })
      .map((td) => td.textContent);
    const destructiveBesideRoutine = [...main.querySelectorAll('[data-testid="destructive-actions"]')]
      .filter((group) => {
        // Apart: last in the row, and after a gap of at least 12 px or on a line of its own.
        const before = group.previousElementSibling?.getBoundingClientRect();
        const own = group.getBoundingClientRect();
        const apart = !before || own.top >= before.bottom || own.left - before.right >= 12;
        return group.nextElementSibling !== null || !apart;
      })
      .map((g) => g.textContent);
    return {
      pageWidth: document.documentElement.scrollWidth <= window.innerWidth,
      cutChips,
      smallButtons,
      offScreen,
      numbersWrapped,
      destructiveBesideRoutine,
    };
  });
}
const readable = {
  pageWidth: true,
  cutChips: [],
  smallButtons: [],
  offScreen: [],
  numbersWrapped: [],
  destructiveBesideRoutine: [],
};

const texts = {
  ru: {
    digits: 'Введено 7 цифр подряд: по ИИН ищут последние 4 цифры (видны в маске) или все 12.',
    widen: 'Проверьте цифры: введите последние 4 цифры ИИН или все 12. Или снимите фильтры.',
    countdown: '10.06.2026, 23:59 · осталось 5 рабочих дней',
    group: 'Ақбота — 53 ребёнка',
  },
  kk: {
    digits: 'Қатарынан 7 цифр енгізілді: ЖСН бойынша соңғы 4 цифрмен (маскада көрінеді) немесе 12 цифрмен іздейді.',
    widen:
      'Цифрларды тексеріңіз: ЖСН-нің соңғы 4 цифрын немесе 12 цифрын түгел енгізіңіз. Немесе сүзгілерді алып тастаңыз.',
    countdown: '10.06.2026, 23:59 · 5 жұмыс күні қалды',
    group: 'Ақбота — 53 бала',
  },
  en: {
    digits: '7 digits typed: an IIN is searched by its last 4 digits (shown in the mask) or all 12.',
    widen: 'Check the digits: type the last 4 digits of the IIN or all 12. Or clear the filters.',
    countdown: '10.06.2026, 23:59 · 5 working days left',
    group: 'Ақбота — 53 children',
  },
} satisfies Record<Language, Record<string, string>>;

/**
 * The referrals board and the children list at 1366×768 in Russian, Kazakh and English: whole
 * chips, buttons big enough, destructive actions apart, dates and times in one format, search by
 * the IIN's last digits and by name across Kazakh/Russian letters, a grouped and virtualized list.
 */
describe('readable lists and search that finds people, in three languages', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let tail = '';
  /** Айгерім's whole IIN (12 digits), to find her by it. */
  let wholeIin = '';

  beforeAll(async () => {
    desk = await startDeskFixture();
    const { db, url } = desk.server;
    const groups = await Promise.all(GROUPS.map((name) => groupId(db, name)));
    // Referrals: issued, contracted (with its destructive actions) and declined.
    const api = apiClient(url, (await loginAs(url)).token);
    const names = ['Жұмабекова', 'Сейткали', 'Ахметов'];
    for (const [i, name] of names.entries()) {
      await makeApplicant(db, {
        birthDate: '2024-03-03',
        appliedAt: `2025-02-0${i + 1}T04:00:00Z`,
        name,
        login: `rl${i}`,
        password: 'parent-pass-1',
      });
    }
    const publicationId = await publishApprovedSeats(db, api, { groupId: groups[2]!, seats: 3 });
    const referralIds: string[] = [];
    for (const i of names.keys()) {
      const claim = await (await parentSignIn(url, `rl${i}`, 'parent-pass-1')).claim(publicationId);
      expect(claim.status).toBeLessThan(300);
      referralIds.push(String(claim.body.referralId ?? claim.body.id));
    }
    await api.push([
      newCommand('referral.concludeContract', { referralId: referralIds[1] }),
      newCommand('referral.decline', { referralId: referralIds[2], reason: 'medical' }),
    ]);
    // Then hundreds of children (inserted after publishing: they fill the groups past capacity), some of them departed, spread over the six groups.
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < CHILDREN; i++) {
      const p = values.length;
      rows.push(
        `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, '2022-03-03', $${p + 5}, '2025-09-01', $${p + 6}, '1-к', '2025-09-01', now())`,
      );
      const name = i === 7 ? 'Жұмабекова Айгерім Серікқызы' : `Ребёнок${String(i).padStart(3, '0')} Тестовый`;
      const iin = nextIin('2022-03-03');
      if (i === 7) wholeIin = iin;
      values.push(randomUUID(), demoKindergarten.id, groups[i % groups.length], name, iin);
      values.push(i % 10 === 9 ? '2026-05-29' : null);
    }
    await db.query(
      `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, enrolled_on, departed_on, order_number, order_date, updated_at)
       values ${rows.join(', ')}`,
      values,
    );
    ({ context, page } = await desk.newPage());
    await page.setViewportSize({ width: 1366, height: 768 });
    const signIn = new SignInPage(page);
    await signIn.open(url);
    await signIn.signIn(head.login, head.password);
    await new DeskPage(page).tab('Сводка').waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  for (const language of ['ru', 'kk', 'en'] as const) {
    it(`shows the board and the children readably in ${language}, and finds people by IIN digits and name`, async () => {
      const t = texts[language];
      const shell = new DeskPage(page);
      await shell.switchLanguage(languageLabels[language]);

      // The referrals board.
      await shell.open(tab('claims', language));
      const claims = page.getByTestId('claim');
      await eventually(async () => (await claims.count()) === 3, 'three referrals');
      await eventually(async () => (await page.getByTestId('destructive-actions').count()) === 2, 'the contracted row');
      if (process.env.LOOK) await page.screenshot({ path: `/tmp/look-${language}-claims.png` });
      expect(await unreadable(page)).toEqual(readable);
      if (language === 'ru') {
        // The new rows' mark, whole in every language while the board stays open (a later visit has none).
        for (const [other, mark] of [
          ['kk', 'жаңа'],
          ['en', 'new'],
          ['ru', 'новая'],
        ] as const) {
          await shell.switchLanguage(languageLabels[other]);
          await expectText(claims.first().getByTestId('claim-new'), mark);
          expect(await page.getByTestId('claim-new').count()).toBe(3);
          expect(await unreadable(page)).toEqual(readable);
        }
      }
      await expectText(claims.filter({ hasText: 'Жұмабекова' }).getByTestId('countdown'), t.countdown);
      for (const cell of await claims.locator('td:nth-child(5)').allTextContents()) {
        expect(cell).toMatch(/^\d\d\.\d\d\.2026, \d\d:\d\d$/);
      }
      await expectText(page.locator('.sync-status'), /\d\d\.\d\d\.2026, \d\d:\d\d/);
      if (process.env.LOOK) await page.screenshot({ path: `/tmp/look-${language}-claims.png` });

      const search = page.getByRole('searchbox');
      await search.fill('жумабекова');
      await eventually(async () => (await claims.count()) === 1, 'the name across Kazakh/Russian letters');
      await expectText(claims.locator('th'), /Жұмабекова/);
      tail = ((await claims.locator('td.iin').textContent()) ?? '').slice(-4);
      await search.fill(tail);
      await eventually(async () => (await claims.count()) >= 1, 'the last 4 digits of the IIN');
      for (const mask of await claims.locator('td.iin').allTextContents()) expect(mask.endsWith(tail)).toBe(true);
      await search.fill('1234567');
      const empty = page.getByTestId('empty-search');
      await expectText(empty, new RegExp(t.digits.replace(/[().]/g, '\\$&')));
      if (process.env.LOOK) await page.screenshot({ path: `/tmp/look-${language}-empty.png` });
      await empty.getByRole('button').click();
      await eventually(async () => (await claims.count()) === 3, 'the search cleared');

      // The children: grouped, filtered, virtualized.
      await shell.open(tab('children', language));
      const children = page.getByTestId('child');
      await children.first().waitFor();
      expect(await page.getByTestId('children-group').count()).toBeGreaterThan(0);
      expect(await children.count()).toBeLessThan(80);
      expect(await unreadable(page)).toEqual(readable);
      for (const cell of await children.locator('td:nth-child(3)').allTextContents()) expect(cell).toBe('01.09.2025');
      if (process.env.LOOK) await page.screenshot({ path: `/tmp/look-${language}-children.png` });
      const selects = page.locator('section select');
      await selects.nth(0).selectOption({ label: 'Ақбота' });
      await expectText(page.getByTestId('children-group'), t.group);
      expect(await page.getByTestId('children-group').count()).toBe(1);
      await selects.nth(1).selectOption({ index: 3 });
      await eventually(async () => (await page.getByTestId('children-group').count()) === 1, 'departed in Ақбота');
      const chips = await page.getByTestId('child-status').allTextContents();
      expect(new Set(chips).size).toBe(1);
      await page.getByRole('searchbox').fill('7654321');
      await expectText(page.getByTestId('empty-search'), new RegExp(t.widen.replace(/[().]/g, '\\$&')));
      await page.getByTestId('empty-search').getByRole('button').click();
      await page.getByRole('searchbox').fill('айгерим жумабекова');
      await eventually(async () => (await children.count()) === 1, 'the child by name in any order');
      await page.getByRole('searchbox').fill(wholeIin);
      await eventually(async () => (await children.count()) === 1, 'the child by all 12 digits of her IIN');
      await expectText(children.getByRole('rowheader'), 'Жұмабекова Айгерім Серікқызы');
      await page.getByRole('searchbox').fill('');
    });
  }
});
