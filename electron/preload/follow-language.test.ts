import { followDocumentLanguage } from './follow-language.js';

function fakePage(lang: string, readyState: DocumentReadyState = 'complete') {
  const listeners: Array<() => void> = [];
  const observers: Array<() => void> = [];
  const documentElement = { lang } as HTMLElement;
  const page = {
    readyState,
    documentElement,
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  } as unknown as Pick<Document, 'readyState' | 'addEventListener' | 'documentElement'>;
  class Observer {
    constructor(callback: () => void) {
      observers.push(callback);
    }
    observe() {}
  }
  const setLang = (value: string) => {
    documentElement.lang = value;
    observers.forEach((notify) => notify());
  };
  return { page, Observer, setLang, loaded: () => listeners.forEach((listener) => listener()) };
}

describe('the preload following the page’s language', () => {
  it('reports the language once the page is parsed, then each change', () => {
    const { page, Observer, setLang, loaded } = fakePage('ru', 'loading');
    const onChange = vi.fn();
    followDocumentLanguage(page, Observer, onChange);
    expect(onChange).not.toHaveBeenCalled();
    loaded();
    setLang('kk');
    setLang('kk');
    setLang('en');
    expect(onChange.mock.calls).toEqual([['ru'], ['kk'], ['en']]);
  });

  it('ignores languages the desk does not speak', () => {
    const { page, Observer, setLang } = fakePage('de');
    const onChange = vi.fn(async () => {
      throw new Error('host unavailable');
    });
    followDocumentLanguage(page, Observer, onChange);
    setLang('');
    setLang('kk');
    expect(onChange.mock.calls).toEqual([['kk']]);
  });
});
