import type { MenuItemConstructorOptions } from 'electron';
import { aboutBox } from './about.js';
import { applyMenu, menuTemplate } from './menu.js';

const actions = () => ({ print: vi.fn(), saveAsPdf: vi.fn(), about: vi.fn() });
const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
const click = (template: MenuItemConstructorOptions[], label: string) =>
  (items(template).find((item) => item.label === label)?.click as () => void)();

describe('the native menu', () => {
  const options = { isMac: false, devTools: false };

  it('speaks Russian, Kazakh and English, every item with its own label', () => {
    const tops = (language: 'ru' | 'kk' | 'en') => menuTemplate(language, actions(), options).map((item) => item.label);
    expect(tops('ru')).toEqual(['Файл', 'Правка', 'Вид', 'Окно', 'Справка']);
    expect(tops('kk')).toEqual(['Файл', 'Түзету', 'Көрініс', 'Терезе', 'Анықтама']);
    expect(tops('en')).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    for (const language of ['ru', 'kk', 'en'] as const) {
      const unlabelled = items(menuTemplate(language, actions(), options)).filter(
        (item) => item.type !== 'separator' && !item.label,
      );
      expect(unlabelled).toEqual([]);
    }
  });

  it('prints, saves as PDF and shows About from the menu', () => {
    const act = actions();
    const template = menuTemplate('kk', act, options);
    click(template, 'Басып шығару…');
    click(template, 'PDF ретінде сақтау…');
    click(template, 'Бағдарлама туралы');
    expect(act.print).toHaveBeenCalledOnce();
    expect(act.saveAsPdf).toHaveBeenCalledOnce();
    expect(act.about).toHaveBeenCalledOnce();
  });

  it('offers developer tools only in development', () => {
    const roles = (devTools: boolean) =>
      items(menuTemplate('en', actions(), { isMac: false, devTools })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('puts the application menu first on macOS', () => {
    expect(menuTemplate('ru', actions(), { isMac: true, devTools: false })[0]?.label).toBe(
      'Комплектование — рабочее место',
    );
  });

  it('is built and set as the application menu', () => {
    const Menu = { buildFromTemplate: vi.fn((t: MenuItemConstructorOptions[]) => t), setApplicationMenu: vi.fn() };
    const template = menuTemplate('en', actions(), options);
    applyMenu(Menu as never, template);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(template);
  });
});

describe('the About window', () => {
  const facts = {
    version: '0.4.0',
    serverUrl: 'https://intake.almaty.kz',
    serverUrlSource: 'settings' as const,
    settingsFile: '/home/head/.config/desk/settings.json',
    versions: { electron: '45.5.0', chrome: '140.0', node: '22.0' },
  };

  it('shows the version, the server and where that setting came from, in the UI’s language', () => {
    const ru = aboutBox('ru', facts);
    expect(ru.title).toBe('О программе');
    expect(ru.message).toContain('Версия 0.4.0');
    expect(ru.detail).toContain('Сервер: https://intake.almaty.kz (из файла настроек)');
    expect(ru.detail).toContain('/home/head/.config/desk/settings.json');
    expect(ru.detail).toContain('Electron 45.5.0');
    expect(aboutBox('kk', facts).message).toContain('Нұсқа 0.4.0');
    expect(aboutBox('en', { ...facts, serverUrlSource: 'KG_SERVER_URL' }).detail).toContain('(from KG_SERVER_URL)');
  });
});
