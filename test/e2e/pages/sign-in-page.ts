import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url);
  }

  async signIn(login: string, password: string) {
    await this.page.getByLabel(/Логин|Login/).fill(login);
    await this.page.getByLabel(/Пароль|Құпиясөз|Password/).fill(password);
    await this.page.getByRole('button', { name: /Войти|Кіру|Sign in/ }).click();
  }

  error() {
    return this.page.getByRole('alert');
  }
}
