import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../src/i18n/en.js';
import { uiLanguages } from '../../src/i18n/index.js';
import { kk } from '../../src/i18n/kk.js';
import { ru } from '../../src/i18n/ru.js';
import { consoleEn } from './en.js';
import { consoleKk } from './kk.js';
import { consoleRu } from './ru.js';

/** The desk's language switch (language-switch.tsx) stores the choice under this key. */
const STORAGE_KEY = 'ui-language';

/** The desk's catalogue (statuses, age groups, refusals) with the console's own block under `console`. */
export async function initConsoleI18n() {
  const stored = window.localStorage.getItem(STORAGE_KEY) ?? '';
  await i18next.use(initReactI18next).init({
    resources: {
      ru: { translation: { ...ru, console: consoleRu } },
      kk: { translation: { ...kk, console: consoleKk } },
      en: { translation: { ...en, console: consoleEn } },
    },
    lng: (uiLanguages as readonly string[]).includes(stored) ? stored : 'ru',
    fallbackLng: 'ru',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
}
