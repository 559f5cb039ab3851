import type { Locator, Page } from 'playwright-core';

/** The shell: sections, the sync status bar, the rejections inbox, language, lock and sign-out. */
export class DeskPage {
  constructor(readonly page: Page) {}

  tab(name: RegExp | string): Locator {
    return this.page.getByRole('tab', { name });
  }

  async open(name: RegExp | string) {
    await this.tab(name).click();
  }

  connection(): Locator {
    return this.page.getByTestId('connection');
  }

  pendingCount(): Locator {
    return this.page.getByTestId('pending-count');
  }

  async openRejections() {
    await this.page.getByTestId('rejections-button').click();
    return this.page.getByRole('dialog');
  }

  async switchLanguage(label: string) {
    await this.page.getByRole('combobox', { name: /^(Язык|Тіл|Language)$/ }).selectOption({ label });
  }

  async signOut(options: { wipe: boolean }) {
    await this.page
      .getByRole('button', { name: /^(Выйти|Шығу|Sign out)$/ })
      .first()
      .click();
    const dialog = this.page.getByRole('dialog');
    if (options.wipe) await dialog.getByRole('checkbox').check();
    return dialog;
  }
}
