import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron';
import type { UiLanguage } from '../../shared/host-api.js';
import type { DeskConfig } from './app-context.js';
import { menuLabels } from './menu-labels.js';

type AboutFacts = Pick<DeskConfig, 'version' | 'serverUrl' | 'serverUrlSource' | 'settingsFile'> & {
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
};

/**
 * The About window's content: the app's version, the server it talks to (and where that
 * setting came from), where the settings live, and the runtime versions for support calls.
 */
export function aboutBox(language: UiLanguage, facts: AboutFacts): MessageBoxOptions {
  const l = menuLabels[language];
  const { electron, chrome, node } = facts.versions;
  return {
    type: 'info',
    title: l.about,
    message: `${l.appName}\n${l.version} ${facts.version}`,
    detail: [
      `${l.server}: ${facts.serverUrl} (${l.serverFrom[facts.serverUrlSource]})`,
      `${l.settingsFile}: ${facts.settingsFile}`,
      `Electron ${electron ?? '?'} · Chromium ${chrome ?? '?'} · Node ${node ?? '?'}`,
    ].join('\n'),
    buttons: [l.ok],
    noLink: true,
  };
}

/** A native modal box: no extra web page, so nothing more to secure. */
export async function showAbout(
  dialog: Pick<Dialog, 'showMessageBox'>,
  parent: BaseWindow | null,
  box: MessageBoxOptions,
): Promise<void> {
  if (parent) await dialog.showMessageBox(parent, box);
  else await dialog.showMessageBox(box);
}
