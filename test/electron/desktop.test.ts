import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../server/db/db.js';
import { migrate } from '../../server/db/migrate.js';
import { openPglite } from '../../server/db/pglite.js';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import type { HostApi, SaveResult } from '../../shared/host-api.js';
import { GroupsPage } from '../e2e/pages/groups-page.js';
import { SignInPage } from '../e2e/pages/sign-in-page.js';
import { readPdfPages } from '../support/pdf-text.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { launchDesktopApp, whyDesktopCannotRun, type DesktopApp } from './desktop-app.js';

/**
 * The desktop app itself (Electron, built out/) against the real central server. Runs wherever
 * the Electron binary is installed; elsewhere every test is reported skipped, by name, with why.
 */
const cannotRun = whyDesktopCannotRun();
const suite = cannotRun ? describe.skip : describe;
const skipped: string[] = [];
/** A test that, where the app cannot run, is reported skipped under its own name with the reason. */
const desktopTest = (name: string, fn: () => Promise<void>) => {
  if (!cannotRun) return it(name, fn);
  skipped.push(name);
  return it.skip(`${name} (${cannotRun})`, fn);
};
const head = demoAccounts[0];
/** The page's window with the preload's HostApi (the renderer's own declaration is not in this program). */
type HostWindow = { hostApi: HostApi };

suite(`the desktop app against the central server${cannotRun ? ` (${cannotRun})` : ''}`, () => {
  let db: Db;
  let server: TestServer;
  let userData: string;
  let desktop: DesktopApp | null = null;

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    server = await startTestServer(db);
    userData = await mkdtemp(join(tmpdir(), 'kg-desktop-'));
  });
  afterEach(async () => {
    const violations = desktop?.cspViolations ?? [];
    await desktop?.app.close();
    desktop = null;
    expect(violations).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await rm(userData, { recursive: true, force: true });
  });

  desktopTest(
    'shows the configured server read-only on the sign-in screen, and where to change it, in ru/kk/en',
    async () => {
      // A user-data folder of its own (inside the suite's, removed with it): no session kept yet.
      const fresh = join(userData, 'fresh');
      desktop = await launchDesktopApp(server.url, fresh);
      const page = desktop.page;
      const settingsFile = join(fresh, 'settings.json');
      const hints = {
        Русский: `Адрес сервера задаёт администратор: поле «serverUrl» в файле ${settingsFile} (или переменная KG_SERVER_URL).`,
        Қазақша: `Сервер мекенжайын әкімші орнатады: ${settingsFile} файлындағы «serverUrl» өрісі (немесе KG_SERVER_URL айнымалысы).`,
        English: `The server address is set by the administrator: "serverUrl" in ${settingsFile} (or the KG_SERVER_URL variable).`,
      };
      for (const [language, hint] of Object.entries(hints)) {
        await page.getByRole('combobox', { name: /Язык|Тіл|Language/ }).selectOption({ label: language });
        await expect.poll(() => page.locator('.sign-in__server-hint').innerText()).toContain(hint);
        expect(await page.locator('.sign-in__server output').innerText()).toBe(server.url);
        // Login and password are the only fields: no address the page's CSP would refuse can be typed.
        expect(await page.locator('form input').count()).toBe(2);
      }
    },
  );

  desktopTest('signs in and shows the kindergarten’s groups', async () => {
    desktop = await launchDesktopApp(server.url, userData);
    await new SignInPage(desktop.page).signIn(head.login, head.password);
    const groups = new GroupsPage(desktop.page);
    await groups.open();
    await groups.capacityOf('Солнышко').waitFor();
    expect(desktop.page.url()).toBe('app://desk/index.html');
    expect(await desktop.page.evaluate(() => (window as unknown as HostWindow).hostApi.appInfo())).toMatchObject({
      serverUrl: server.url,
    });
  });

  desktopTest('opens straight to the desk on the next start, the session kept encrypted in the vault', async () => {
    desktop = await launchDesktopApp(server.url, userData);
    const groups = new GroupsPage(desktop.page);
    await groups.open();
    await groups.capacityOf('Солнышко').waitFor();
    const vault = join(userData, 'vault');
    const stored = await Promise.all((await readdir(vault)).map((file) => readFile(join(vault, file), 'utf8')));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.join()).not.toContain(head.fullName);
    expect(stored.join()).not.toContain(server.url);
  });

  desktopTest('prints the groups to an A4 PDF in the file chosen in the save dialog', async () => {
    desktop = await launchDesktopApp(server.url, userData);
    const groups = new GroupsPage(desktop.page);
    await groups.open();
    await groups.capacityOf('Солнышко').waitFor();
    const target = join(userData, 'groups.pdf');
    await desktop.app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
    }, target);
    const result = await desktop.page.evaluate(() =>
      (window as unknown as HostWindow).hostApi.printToPdf({ suggestedName: 'groups.pdf' }),
    );
    expect(result).toEqual<SaveResult>({ saved: true, path: target });
    const pdf = await readFile(target);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await readPdfPages(pdf);
    for (const { width, height } of pages) {
      // A4 either way round, within Chromium's rounding to whole 1/300-inch dots.
      expect(Math.abs(Math.min(width, height) - 595.28)).toBeLessThanOrEqual(1);
      expect(Math.abs(Math.max(width, height) - 841.89)).toBeLessThanOrEqual(1);
    }
    expect(pages.map((p) => p.text).join('\n')).toContain('Солнышко');
  });

  desktopTest('speaks the UI’s language in its native menu', async () => {
    desktop = await launchDesktopApp(server.url, userData);
    await new GroupsPage(desktop.page).open();
    await desktop.page.getByRole('combobox', { name: /Язык|Тіл|Language/ }).selectOption({ label: 'Қазақша' });
    await expect
      .poll(() => desktop!.app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label)))
      .toContain('Түзету');
  });

  if (cannotRun) {
    console.log(`Electron end-to-end tests, ${cannotRun}:\n${skipped.map((name) => `  ↓ ${name}`).join('\n')}`);
  }
});
