import type { Locator, Page } from 'playwright-core';

/** The intake schedule and the publish dialog opened from an approved entry. */
export class SchedulePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: /График|Кесте|Schedule/ }).click();
  }

  async addEntry(entry: { group: string; birthYear: string; seats: string; availableFrom: string }) {
    const form = this.page.getByRole('form', { name: 'Новая строка графика' });
    await form.getByLabel('Группа').selectOption({ label: entry.group });
    await form.getByLabel('Год рождения').fill(entry.birthYear);
    await form.getByLabel('Мест').fill(entry.seats);
    await form.getByLabel('Дата освобождения').fill(entry.availableFrom);
    await form.getByRole('button', { name: 'Добавить' }).click();
  }

  entries(): Locator {
    return this.page.getByTestId('schedule-entry');
  }

  status(index = 0): Locator {
    return this.entries().nth(index).getByTestId('entry-status');
  }

  async submit(index = 0) {
    await this.entries().nth(index).getByRole('button', { name: 'На утверждение' }).click();
  }

  editButton(index = 0): Locator {
    return this.entries()
      .nth(index)
      .getByRole('button', { name: /^(Изменить|Өзгерту|Edit)$/ });
  }

  /** The edit form opened under an entry (the same fields as a new entry). */
  editor(): Locator {
    return this.page.getByRole('form', { name: 'Изменение строки графика' });
  }

  /** Opens the entry's edit form, fills the given fields and saves. */
  async edit(
    index: number,
    changes: { group?: string; birthYear?: string; seats?: string; availableFrom?: string; note?: string },
  ) {
    await this.editButton(index).click();
    const form = this.editor();
    if (changes.group) await form.getByLabel('Группа').selectOption({ label: changes.group });
    if (changes.birthYear) await form.getByLabel('Год рождения').fill(changes.birthYear);
    if (changes.seats) await form.getByLabel('Мест').fill(changes.seats);
    if (changes.availableFrom) await form.getByLabel('Дата освобождения').fill(changes.availableFrom);
    if (changes.note !== undefined) await form.getByLabel('Примечание').fill(changes.note);
    await form.getByRole('button', { name: 'Сохранить' }).click();
  }

  pending(index = 0): Locator {
    return this.entries().nth(index).getByTestId('pending-badge');
  }

  async openPublish(index = 0) {
    await this.entries()
      .nth(index)
      .getByRole('button', { name: /Опубликовать|Жариялау|Publish/ })
      .click();
    return new PublishDialog(this.page);
  }
}

export class PublishDialog {
  readonly dialog: Locator;
  constructor(page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  windowCloses(): Locator {
    return this.dialog.getByTestId('window-closes');
  }

  opensToAll(): Locator {
    return this.dialog.getByTestId('open-to-all');
  }

  async confirm() {
    await this.dialog.getByRole('button', { name: /^(Опубликовать|Жариялау|Publish)$/ }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
