import type { Locator, Page } from 'playwright-core';

/** The live claims board and the dialogs of its actions. */
export class ClaimsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: /Направления|Жолдамалар|Referrals/ }).click();
  }

  claim(childName: string): Locator {
    return this.page.getByTestId('claim').filter({ has: this.page.getByRole('rowheader', { name: childName }) });
  }

  status(childName: string): Locator {
    return this.claim(childName).getByTestId('claim-status');
  }

  async search(text: string) {
    await this.page.getByLabel(/Поиск по ФИО или ИИН|ЖСН бойынша|name or IIN/).fill(text);
  }

  async act(childName: string, action: RegExp | string) {
    await this.claim(childName).getByRole('button', { name: action }).click();
    return this.page.getByRole('dialog');
  }

  async markContract(childName: string) {
    const dialog = await this.act(childName, 'Договор заключён');
    await dialog.getByRole('button', { name: 'Договор заключён' }).click();
  }

  async enroll(childName: string, orderNumber: string) {
    const dialog = await this.act(childName, 'Зачислить');
    await dialog.getByLabel('Номер приказа').fill(orderNumber);
    await dialog.getByRole('button', { name: 'Зачислить' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}

/** The children enrolled, with termination and history. */
export class ChildrenPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: /Дети|Балалар|Children/ }).click();
  }

  child(name: string): Locator {
    return this.page.getByTestId('child').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  async terminate(name: string, orderNumber: string, note = '') {
    await this.child(name).getByRole('button', { name: 'Расторгнуть договор' }).click();
    const dialog = this.page.getByRole('dialog').filter({ has: this.page.getByLabel('Основание расторжения') });
    await dialog.getByLabel('Основание расторжения').selectOption({ label: 'заявление родителя' });
    await dialog.getByLabel('Номер приказа').fill(orderNumber);
    if (note) await dialog.getByLabel('Примечание').fill(note);
    await dialog.getByRole('button', { name: 'Расторгнуть договор' }).click();
    await this.page
      .getByRole('dialog', { name: 'Расторгнуть договор?' })
      .getByRole('button', { name: 'Расторгнуть договор' })
      .click();
    await dialog.waitFor({ state: 'detached' });
  }

  async history(name: string) {
    await this.child(name)
      .getByRole('button', { name: /История|Тарих|History/ })
      .click();
    return this.page.getByRole('dialog');
  }
}
