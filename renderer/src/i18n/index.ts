import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uiLanguages, type UiLanguage } from '../../../shared/host-api.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

export { uiLanguages, type UiLanguage };
const STORAGE_KEY = 'ui-language';

function storedLanguage(): UiLanguage {
  const value = window.localStorage.getItem(STORAGE_KEY);
  return (uiLanguages as readonly string[]).includes(value ?? '') ? (value as UiLanguage) : 'ru';
}

/** Russian by default; the choice is remembered on this PC. */
export async function initI18n() {
  await i18next.use(initReactI18next).init({
    resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'ru',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function setUiLanguage(language: UiLanguage) {
  window.localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
