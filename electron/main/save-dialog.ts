import { join } from 'node:path';
import type { BaseWindow, Dialog, FileFilter, SaveDialogOptions } from 'electron';

export type ChooseSaveTarget = (suggestedName: string, filters: FileFilter[]) => Promise<string | null>;

/**
 * The system "Save as" dialog, over the given window, opening in the user's documents folder.
 * The page only suggests a file name; the user picks the place (null when cancelled).
 */
export function saveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: BaseWindow | null,
  documentsDir: string,
): ChooseSaveTarget {
  return async (suggestedName, filters) => {
    const options: SaveDialogOptions = { defaultPath: join(documentsDir, safeFileName(suggestedName)), filters };
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  };
}

/** A bare file name: no folders, no characters Windows forbids, never empty. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned || 'document';
}

/** Adds the extension when the name lacks it. */
export function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}
