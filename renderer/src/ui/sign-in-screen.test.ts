import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { en } from '../i18n/en.js';
import { kk } from '../i18n/kk.js';
import { ru } from '../i18n/ru.js';
import { SignInScreen, type ConfiguredServer } from './sign-in-screen.js';

const settingsFile = 'C:\\Users\\staff\\AppData\\Roaming\\kindergarten-intake-desk\\settings.json';
const desktop: ConfiguredServer = { url: 'https://intake.almaty.kz', settingsFile };

/** The screen's text as a person reads it (tags dropped), in the given language. */
async function signInText(language: 'ru' | 'kk' | 'en', configured: ConfiguredServer | null) {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  const screen = createElement(SignInScreen, {
    serverUrl: configured?.url ?? 'http://127.0.0.1:8787',
    configured,
    onSignIn: async () => undefined,
  });
  const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, screen));
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { html, text };
}

describe('the sign-in screen’s server address', () => {
  it.each([
    [
      'ru',
      'Сервер: https://intake.almaty.kz',
      /Адрес сервера задаёт администратор: поле «serverUrl» в файле C:\\.*settings\.json/,
    ],
    [
      'kk',
      'Сервер: https://intake.almaty.kz',
      /Сервер мекенжайын әкімші орнатады: C:\\.*settings\.json файлындағы «serverUrl»/,
    ],
    [
      'en',
      'Server: https://intake.almaty.kz',
      /The server address is set by the administrator: "serverUrl" in C:\\.*settings\.json/,
    ],
  ] as const)(
    'on the desktop (%s) is the configured one, read-only, with where to change it',
    async (language, shown, hint) => {
      const { html, text } = await signInText(language, desktop);
      expect(text).toContain(shown);
      expect(text).toMatch(hint);
      expect(text).toContain('KG_SERVER_URL');
      // Only the login and password can be typed: no field for an address the page's CSP would refuse.
      expect(html.match(/<input[^>]*>/g)?.map((input) => /type="(\w+)"/.exec(input)?.[1] ?? 'text')).toEqual([
        'text',
        'password',
      ]);
    },
  );

  it('in the browser is the page’s own and not shown', async () => {
    const { html, text } = await signInText('ru', null);
    expect(text).not.toContain('Сервер');
    expect(html.match(/<input/g)).toHaveLength(2);
  });
});
