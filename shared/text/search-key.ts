/**
 * Kazakh letters and their Russian look-alikes, and ё/е: a name typed on a Russian keyboard
 * ("Жумабекова") finds the same name written in Kazakh ("Жұмабекова"), and the other way round.
 */
const VARIANTS: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  ё: 'е',
};
const VARIANT_LETTERS = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

/**
 * The form in which names are compared when searching: lower case (locale-independent), the
 * Kazakh/Russian letter variants folded (ұ ү → у, қ → к, ғ → г, ң → н, ә → а, ө → о, і → и,
 * һ → х, ё → е), stress marks dropped, every run of spaces, hyphens and apostrophes one
 * space, ends trimmed. Search compares `searchKey(name).includes(searchKey(typed))`.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(VARIANT_LETTERS, (letter) => VARIANTS[letter] ?? letter)
    .replace(/[\u0300\u0301]/gu, '')
    .replace(/[\s\-‐‑‒–—'’ʼ`]+/gu, ' ')
    .trim();
}

/** Whether every word typed appears in the name (in any order), compared by {@link searchKey}. */
export function nameMatches(name: string, typed: string): boolean {
  const key = searchKey(name);
  return searchKey(typed)
    .split(' ')
    .every((word) => key.includes(word));
}
