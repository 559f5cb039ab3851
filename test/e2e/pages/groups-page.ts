import type { Locator, Page } from 'playwright-core';

export class GroupsPage {
  constructor(private readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: /^(Группы|Топтар|Groups)$/ });
  }

  async open() {
    await this.page.getByRole('tab', { name: /Группы|Топтар|Groups/ }).click();
    await this.heading().waitFor();
  }

  row(groupName: string): Locator {
    return this.page
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: groupName, exact: true }) });
  }

  capacityOf(groupName: string): Locator {
    return this.row(groupName).getByTestId('capacity');
  }

  async changeCapacity(groupName: string, capacity: string) {
    const row = this.row(groupName);
    await row.getByRole('button', { name: /Изменить|Өзгерту|Change/ }).click();
    await row.getByRole('textbox').fill(capacity);
    await row.getByRole('button', { name: /Сохранить|Сақтау|Save/ }).click();
  }

  connection(): Locator {
    return this.page.getByTestId('connection');
  }

  async switchLanguage(label: string) {
    await this.page.getByRole('combobox', { name: /Язык|Тіл|Language/ }).selectOption({ label });
  }

  async graduate(groupName: string, date: string, orderNumber: string) {
    const form = this.page.getByRole('form', { name: /Выпуск предшкольной/ });
    await form.getByLabel('Группа').selectOption({ label: groupName });
    await form.getByLabel('Дата выбытия').fill(date);
    await form.getByLabel('Номер приказа').fill(orderNumber);
    await form.getByLabel('Дата приказа').fill(date);
    await form.getByRole('button', { name: 'Выпустить группу' }).click();
    await this.confirmation('Выпустить группу в школу?').getByRole('button', { name: 'Выпустить группу' }).click();
  }

  /** The confirmation a mass or destructive action opens before anything is queued, by its title. */
  confirmation(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** The August move-up: each named group moves to the chosen group (its own name relabels it). */
  async moveUp(moves: Record<string, string>, date: string, orderNumber: string) {
    const form = this.page.getByRole('form', { name: /Перевод в следующие возрастные группы/ });
    for (const [from, to] of Object.entries(moves)) {
      await form.getByLabel(`${from} переходит в`).selectOption({ label: to });
    }
    await form.getByLabel('Дата выбытия').fill(date);
    await form.getByLabel('Номер приказа').fill(orderNumber);
    await form.getByLabel('Дата приказа').fill(date);
    await form.getByRole('button', { name: 'Перевести' }).click();
    await this.confirmation('Перевести группы в следующие возрастные группы?')
      .getByRole('button', { name: 'Перевести' })
      .click();
  }

  register(): Locator {
    return this.page.getByTestId('movement-register');
  }
}
