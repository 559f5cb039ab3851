import type { Locator, Page } from 'playwright-core';

export class GroupsPage {
  constructor(private readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: /Группы|Топтар|Groups/ });
  }

  row(groupName: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: groupName }) });
  }

  capacityOf(groupName: string): Locator {
    return this.row(groupName).getByTestId('capacity');
  }

  async changeCapacity(groupName: string, capacity: string) {
    const row = this.row(groupName);
    await row.getByRole('button', { name: /Изменить|Өзгерту|Change/ }).click();
    await row.getByRole('spinbutton').fill(capacity);
    await row.getByRole('button', { name: /Сохранить|Сақтау|Save/ }).click();
  }

  connection(): Locator {
    return this.page.getByTestId('connection');
  }

  async switchLanguage(label: string) {
    await this.page.getByRole('combobox', { name: /Язык|Тіл|Language/ }).selectOption({ label });
  }
}
