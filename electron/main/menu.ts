import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../../shared/host-api.js';
import { menuLabels } from './menu-labels.js';

export interface MenuActions {
  print(): void;
  saveAsPdf(): void;
  about(): void;
}

export interface MenuOptions {
  isMac: boolean;
  devTools: boolean;
}

/**
 * The native menu in the UI's language. Every item has its own label (the system's would follow
 * the OS language, not the app's); standard editing and window items keep their roles.
 */
export function menuTemplate(
  language: UiLanguage,
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const l = menuLabels[language];
  const template: MenuItemConstructorOptions[] = [
    {
      label: l.file,
      submenu: [
        { label: l.print, accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { label: l.saveAsPdf, accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveAsPdf() },
        { type: 'separator' },
        { label: l.quit, role: 'quit' },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { label: l.undo, role: 'undo' },
        { label: l.redo, role: 'redo' },
        { type: 'separator' },
        { label: l.cut, role: 'cut' },
        { label: l.copy, role: 'copy' },
        { label: l.paste, role: 'paste' },
        { label: l.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.reload, role: 'reload' },
        { type: 'separator' },
        { label: l.zoomIn, role: 'zoomIn' },
        { label: l.zoomOut, role: 'zoomOut' },
        { label: l.actualSize, role: 'resetZoom' },
        { label: l.fullScreen, role: 'togglefullscreen' },
        ...(options.devTools ? [{ label: l.devTools, role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: l.window,
      submenu: [
        { label: l.minimize, role: 'minimize' },
        { label: l.close, role: 'close' },
      ],
    },
    { label: l.help, role: 'help', submenu: [{ label: l.about, click: () => actions.about() }] },
  ];
  // macOS shows the first menu under the application's name.
  return options.isMac ? [{ label: l.appName, submenu: [{ label: l.quit, role: 'quit' }] }, ...template] : template;
}

export function applyMenu(
  menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>,
  template: MenuItemConstructorOptions[],
): void {
  menu.setApplicationMenu(menu.buildFromTemplate(template));
}
