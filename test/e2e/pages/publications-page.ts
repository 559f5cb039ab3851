import type { Locator, Page } from 'playwright-core';

/** Published seats: phase, claimed and open counts, withdrawing the unclaimed seats. */
export class PublicationsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: /^(Публикации|Жарияланымдар|Publications)$/ }).click();
    await this.page.getByRole('heading', { name: /^(Публикации мест|Орындарды жариялау|Published seats)$/ }).waitFor();
  }

  rows(): Locator {
    return this.page.getByTestId('publication');
  }

  phase(index = 0): Locator {
    return this.rows().nth(index).getByTestId('phase');
  }

  seats(index = 0): Locator {
    return this.rows().nth(index).getByTestId('publication-seats');
  }

  withdrawButton(index = 0): Locator {
    return this.rows()
      .nth(index)
      .getByRole('button', { name: /^(Снять свободные места|Withdraw unclaimed seats)$/ });
  }

  /** Withdraws, confirming in the confirmation that names what frees up. */
  async withdraw(index = 0) {
    await this.withdrawButton(index).click();
    await this.page
      .getByRole('dialog', {
        name: /^(Снять свободные места\?|Бос орындарды алу керек пе\?|Withdraw the unclaimed seats\?)$/,
      })
      .getByRole('button', { name: /^(Снять свободные места|Бос орындарды алу|Withdraw unclaimed seats)$/ })
      .click();
  }
}
