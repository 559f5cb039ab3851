/** The parent page's catalogues (Russian and Kazakh), by key; plural forms as `key.one`, `key.few`, …. */
export const languages: { ru: Record<string, string>; kk: Record<string, string> };
/** A text in the language, its {name} placeholders filled; a key missing in Kazakh falls back to Russian. */
export function t(lang: string, key: string, params?: Record<string, unknown>): string;
/** A text with a number, in the plural form Intl.PluralRules picks for the language. */
export function tn(lang: string, key: string, count: number, params?: Record<string, unknown>): string;
/** A refusal's code and params, in words. */
export function reasonText(
  lang: string,
  rejection: { code: string; params?: Record<string, unknown> },
  format?: (key: string, value: unknown) => unknown,
): string;
