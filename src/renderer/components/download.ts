/** Saves a file the main process produced (base64): through the host's native save
 *  dialog when it has one (Electron), else as the browser's download. The one place
 *  the renderer asks which; pages call `saveBase64` and show the outcome. */
import { invoke } from '../api/client';
import { base64ToBytes } from './base64';

export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded' } | { kind: 'cancelled' };

let nativeSave: Promise<boolean> | undefined;

/** Whether the host shows a save dialog; asked once, asked again after a failure. */
function hostHasNativeSave(): Promise<boolean> {
  nativeSave ??= invoke('files.capabilities', {}).then(
    (c) => c.nativeSave,
    (e: unknown) => {
      nativeSave = undefined;
      throw e;
    },
  );
  return nativeSave;
}

export async function saveBase64(fileName: string, mime: string, base64: string): Promise<SaveOutcome> {
  if (await hostHasNativeSave()) {
    const result = await invoke('files.save', { fileName, base64 });
    return result.saved ? { kind: 'saved', path: result.path } : { kind: 'cancelled' };
  }
  downloadBase64(fileName, mime, base64);
  return { kind: 'downloaded' };
}

function downloadBase64(fileName: string, mime: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
