import { uiLanguages, type UiLanguage } from '../../shared/host-api.js';

const languages: readonly string[] = uiLanguages;

type Page = Pick<Document, 'readyState' | 'addEventListener' | 'documentElement'>;
type Observer = new (callback: () => void) => Pick<MutationObserver, 'observe'>;

/**
 * Calls onChange with the page's language (<html lang>) once the page is parsed and whenever it
 * changes, so the host's menu speaks the language the UI shows without the UI having to say so.
 */
export function followDocumentLanguage(page: Page, Observer: Observer, onChange: (language: UiLanguage) => unknown) {
  let reported: string | null = null;
  const report = () => {
    const language = page.documentElement?.lang ?? '';
    if (language === reported || !languages.includes(language)) return;
    reported = language;
    void Promise.resolve(onChange(language as UiLanguage)).catch(() => undefined);
  };
  const start = () => {
    report();
    new Observer(report).observe(page.documentElement, { attributes: true, attributeFilter: ['lang'] });
  };
  if (page.readyState === 'loading') page.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
