import type { Page } from 'playwright-core';
import type { Language } from './screens.js';

/**
 * Latin words a Russian or Kazakh screen may show: file formats the offices know by these names,
 * and English named in its own language in the language switch.
 */
const LATIN_ALLOWED = new Set(['PDF', 'Excel', 'XLSX', 'CSV', 'English']);

/**
 * What a reader cannot read on the page as it stands (dialogs included), at the office PC's
 * 1366×768: words cut off by their box, the page wider than the window, dates or instants in ISO
 * form, English (Latin) words on a Russian or Kazakh screen, buttons not in the colour they
 * declare (a red destructive button shown in the routine blue) or whose text their background
 * hides, and a refusal shown without red
 * (looking routine, or like success). Empty lists when all is readable.
 */
export async function unreadable(page: Page, language: Language) {
  // A pointer resting on a button shows its hover colour; the check reads the resting one.
  await page.mouse.move(0, 0);
  const found = await page.evaluate(() => {
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const cut = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .map((el) => {
        // The box that clips the text: the element itself, or the label box around it (a Mantine button's).
        const clip = ['hidden', 'clip'].includes(getComputedStyle(el).overflowX) ? el : el.parentElement!;
        return { el, clip };
      })
      .filter(({ el, clip }) => shown(el) && ['hidden', 'clip'].includes(getComputedStyle(clip).overflowX))
      .filter(({ clip }) => clip.scrollWidth > clip.clientWidth + 1)
      .map(({ el, clip }) => `${el.textContent!.trim()} (${clip.scrollWidth}>${clip.clientWidth})`);
    // A select shows its chosen option in its own box: measured with the select's font against the room its padding leaves.
    const cutSelects = [...document.querySelectorAll('select')]
      .filter((select) => shown(select) && select.selectedOptions[0])
      .flatMap((select) => {
        const style = getComputedStyle(select);
        const probe = document.createElement('span');
        probe.textContent = select.selectedOptions[0]!.text;
        probe.style.font = style.font;
        probe.style.whiteSpace = 'pre';
        probe.style.position = 'absolute';
        document.body.append(probe);
        const needed = probe.getBoundingClientRect().width;
        probe.remove();
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return needed > room + 1 ? [`${probe.textContent} (${Math.ceil(needed)}>${Math.floor(room)})`] : [];
      });
    // Text a button's own background hides (WCAG contrast under 3:1), e.g. white on white.
    const luminance = (colour: string) => {
      const [r = 0, g = 0, b = 0] = colour.match(/[\d.]+/g)!.map(Number);
      const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const faint = [...document.querySelectorAll<HTMLButtonElement>('button')]
      .filter((b) => shown(b) && !b.disabled && b.textContent!.trim())
      .flatMap((b) => {
        const style = getComputedStyle(b);
        const alpha = Number(style.backgroundColor.match(/[\d.]+/g)![3] ?? 1);
        if (alpha < 0.5) return [];
        const [light, dark] = [luminance(style.backgroundColor), luminance(style.color)].sort((x, y) => y - x);
        const ratio = (light! + 0.05) / (dark! + 0.05);
        return ratio < 3 ? [`${b.textContent!.trim()}: ${style.color} on ${style.backgroundColor}`] : [];
      });
    const colours = [...document.querySelectorAll<HTMLButtonElement>('button.mantine-Button-root')]
      .filter((b) => shown(b) && !b.disabled && !b.hasAttribute('data-disabled'))
      .flatMap((b) => {
        const probe = document.createElement('span');
        probe.style.backgroundColor = 'var(--button-bg)';
        b.append(probe);
        const declared = getComputedStyle(probe).backgroundColor;
        probe.remove();
        const actual = getComputedStyle(b).backgroundColor;
        return declared !== 'rgba(0, 0, 0, 0)' && declared !== actual
          ? [`${b.textContent!.trim()}: ${actual} instead of ${declared}`]
          : [];
      });
    // Every place a refusal is shown: its row, its form, the inbox's open ones, Today's lists of them.
    const reddish = (colour: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = colour.match(/[\d.]+/g)?.map(Number) ?? [];
      return a >= 0.5 && r >= 180 && g <= 140 && b <= 140;
    };
    const red = (el: Element) => {
      const style = getComputedStyle(el);
      return (
        (parseFloat(style.borderLeftWidth) > 0 && reddish(style.borderLeftColor)) ||
        reddish(style.backgroundColor) ||
        reddish(style.color)
      );
    };
    const refusals = [
      ...document.querySelectorAll(
        '[data-testid="row-refusal"], [data-testid="local-refusal"], [data-testid="rejection"][data-state="open"], [data-testid="today-refusals"] li, [data-testid="today-reprint"] li',
      ),
    ]
      .filter((el) => shown(el) && !red(el) && ![...el.querySelectorAll('*')].some(red))
      .map((el) => `not marked as a refusal: ${el.textContent!.trim().slice(0, 80)}`);
    return {
      pageWidth: document.documentElement.scrollWidth <= window.innerWidth,
      cut: [...cut, ...cutSelects],
      text: document.body.innerText,
      colours: [...colours, ...faint, ...refusals],
    };
  });
  const iso = found.text.match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g) ?? [];
  const latin =
    language === 'en' ? [] : (found.text.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
  return { pageWidth: found.pageWidth, cut: found.cut, iso, latin, colours: found.colours };
}

export const readable = { pageWidth: true, cut: [], iso: [], latin: [], colours: [] };
