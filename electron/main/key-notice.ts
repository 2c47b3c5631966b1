import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';

/** Why this computer cannot keep the key encrypted, in the artist's words. */
function reason(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'No keyring is running on this computer (such as GNOME Keyring or KWallet), so Atelier cannot encrypt the key';
  if (platform === 'darwin') return 'The macOS Keychain is not available to Atelier right now, so it cannot encrypt the key';
  return 'Windows could not encrypt the key for your account';
}

/**
 * Returns the function a key store calls when a key can be kept for this session only: the first
 * time, a dialog tells the artist the key lasts until they quit, why, and what happens next.
 */
export function sessionKeyNotice(window: () => BrowserWindow | undefined): () => void {
  let told = false;
  return () => {
    if (told) return;
    told = true;
    const options: MessageBoxOptions = {
      type: 'info',
      title: 'API key kept until you quit',
      message: 'Atelier will use your API key until you quit, then forget it.',
      detail:
        `${reason(process.platform)}, and it never writes a key to disk unencrypted. ` +
        'The next time you open Atelier, enter the key again in Settings; until then it uses the built-in Sandbox.',
      buttons: ['OK'],
      noLink: true,
    };
    const parent = window();
    void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  };
}
