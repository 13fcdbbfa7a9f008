/** The native save dialog behind `files.save`: suggests the file's name in the last
 *  folder the user saved to (remembered per profile), else the Documents folder, and
 *  writes the bytes where the user chose. */
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { SaveRequest, SaveResult } from '../features/files/host';
import { readDesktopState, updateDesktopState } from './desktopState';

export interface SaveDialogDeps {
  /** dialog.showSaveDialog, attached to the app's window. */
  showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  home: string;
  /** app.getPath('documents'): the first folder offered. */
  documentsFolder: string;
}

const FILTER_NAMES: Record<string, string> = {
  xlsx: 'Excel',
  csv: 'CSV',
  pdf: 'PDF',
  docx: 'Word',
  png: 'PNG',
  jpg: 'JPEG',
  jpeg: 'JPEG',
  txt: 'Text',
};

function isFolder(path: string | undefined): path is string {
  if (!path) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function nativeSaveFile(deps: SaveDialogDeps): (request: SaveRequest) => Promise<SaveResult> {
  return async ({ fileName, data }) => {
    const remembered = readDesktopState(deps.home).saveFolder;
    const folder = isFolder(remembered) ? remembered : deps.documentsFolder;
    const ext = extname(fileName).slice(1).toLowerCase();
    const answer = await deps.showSaveDialog({
      defaultPath: join(folder, fileName),
      filters: ext ? [{ name: FILTER_NAMES[ext] ?? ext.toUpperCase(), extensions: [ext] }] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (answer.canceled || !answer.filePath) return { saved: false };
    await writeFile(answer.filePath, data);
    updateDesktopState(deps.home, { saveFolder: dirname(answer.filePath) });
    return { saved: true, path: answer.filePath };
  };
}
