import type { Locator, Page } from 'playwright-core';

/** The parent page (/parent/): sign-in, the child's card, referrals, offers and the intake schedule. */
export class ParentPortalPage {
  constructor(readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(`${url}/parent/`);
  }

  async signIn(login: string, password = 'demo-parent') {
    await this.page.getByLabel('Логин').fill(login);
    await this.page.getByLabel(/Пароль|Құпиясөз/).fill(password);
    await this.page.getByRole('button', { name: /^(Войти|Кіру)$/ }).click();
  }

  async signOut() {
    await this.page.getByRole('button', { name: /^(Выйти|Шығу)$/ }).click();
  }

  signInError(): Locator {
    return this.page.locator('#sign-in-error');
  }

  childHeading(): Locator {
    return this.page.getByRole('heading', { name: /^(Ребёнок|Бала): / });
  }

  notice(): Locator {
    return this.page.getByRole('status');
  }

  /** The offers of one kindergarten (a card per publication). */
  offers(kindergarten: string | RegExp): Locator {
    return this.page.locator('#offers').getByRole('article', { name: kindergarten });
  }

  claimable(): Locator {
    return this.page.locator('#offers article.can-claim');
  }

  referral(number: string | RegExp): Locator {
    return this.page.locator('#referrals').getByRole('article', { name: number });
  }

  referrals(): Locator {
    return this.page.locator('#referrals').getByRole('article');
  }

  scheduleRows(): Locator {
    return this.page.locator('#schedule tbody tr');
  }

  async switchLanguage(label: 'Русский' | 'Қазақша') {
    await this.page.getByRole('button', { name: label }).click();
  }

  async showWholeCity() {
    await this.page.getByRole('button', { name: /^(Весь город|Бүкіл қала)$/ }).click();
  }
}
