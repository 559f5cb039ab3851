import type { Page } from 'playwright-core';

export type Language = 'ru' | 'kk' | 'en';
export const languageLabels: Record<Language, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** Every screen of the desk: its tab and its heading in each language. */
export const screens = [
  {
    id: 'dashboard',
    tab: { ru: 'Сводка', kk: 'Жиынтық', en: 'Dashboard' },
    heading: { ru: 'Сводка', kk: 'Жиынтық', en: 'Dashboard' },
  },
  {
    id: 'groups',
    tab: { ru: 'Группы и выбытие', kk: 'Топтар және шығу', en: 'Groups and departures' },
    heading: { ru: 'Группы', kk: 'Топтар', en: 'Groups' },
  },
  {
    id: 'schedule',
    tab: { ru: 'График', kk: 'Кесте', en: 'Schedule' },
    heading: { ru: 'График комплектования', kk: 'Жинақтау кестесі', en: 'Intake schedule' },
  },
  {
    id: 'publications',
    tab: { ru: 'Публикации', kk: 'Жарияланымдар', en: 'Publications' },
    heading: { ru: 'Публикации мест', kk: 'Орындарды жариялау', en: 'Published seats' },
  },
  {
    id: 'claims',
    tab: { ru: 'Направления', kk: 'Жолдамалар', en: 'Referrals' },
    heading: { ru: 'Направления', kk: 'Жолдамалар', en: 'Referrals' },
  },
  {
    id: 'documents',
    tab: { ru: 'Документы', kk: 'Құжаттар', en: 'Documents' },
    heading: { ru: 'Документы для печати', kk: 'Басып шығаруға арналған құжаттар', en: 'Documents to print' },
  },
  {
    id: 'children',
    tab: { ru: 'Дети', kk: 'Балалар', en: 'Children' },
    heading: { ru: 'Дети', kk: 'Балалар', en: 'Children' },
  },
] as const;

/** Controls without an accessible name (a label, aria-label or text): should be none. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="tab"]')]
      .filter((el) => el.getAttribute('type') !== 'hidden' && el.getAttribute('aria-hidden') !== 'true')
      .filter((el) => {
        const labelled =
          (el as HTMLInputElement).labels?.length ||
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby');
        return !labelled && !el.textContent?.trim();
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Text that looks like an untranslated catalogue key (e.g. "claims.title"). */
export async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.match(/\b[a-z]+[A-Z]?[a-z]*\.[a-z][A-Za-z_]+\b/g)?.filter((t) => !/^\w+\.(kz|ru|com)$/.test(t)) ?? [];
}
