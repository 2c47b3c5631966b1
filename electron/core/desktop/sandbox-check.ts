/**
 * Atelier does not run with Chromium's sandbox switched off: the studio shows images and text that
 * came from a server, and the sandbox is what keeps a flaw in an image decoder away from the
 * artist's files. The AppImage's launcher (electron-builder's AppRun) adds `--no-sandbox` by itself
 * where unprivileged user namespaces are restricted (Ubuntu 24.04 and later): there the AppImage
 * stops and says how to run it with the sandbox instead. The .deb installs the AppArmor profile that
 * allows it; an AppImage can be allowed the same way, by its path.
 */

export interface SandboxNotice {
  title: string;
  message: string;
  detail: string;
  /** Shell commands that allow this AppImage its sandbox (an AppArmor profile), to copy. */
  commands: string;
}

export const APPARMOR_PROFILE_NAME = 'atelier-appimage';

/** The commands that install an AppArmor profile letting the AppImage at `appImage` use user namespaces. */
export function appArmorCommands(appImage: string): string {
  const file = `/etc/apparmor.d/${APPARMOR_PROFILE_NAME}`;
  return [
    `sudo tee ${file} > /dev/null << 'EOF'`,
    'abi <abi/4.0>,',
    'include <tunables/global>',
    `profile ${APPARMOR_PROFILE_NAME} "${appImage}" flags=(unconfined) {`,
    '  userns,',
    '}',
    'EOF',
    `sudo apparmor_parser -r ${file}`,
  ].join('\n');
}

/**
 * What to tell the artist when this start has no sandbox, or null when it has one (or is not an
 * AppImage: elsewhere the switch is a developer's own choice, e.g. tests running as root).
 * `appImage` is $APPIMAGE, the AppImage file's path, set by the AppImage runtime.
 */
export function unsandboxedAppImageNotice(platform: NodeJS.Platform, appImage: string | undefined, noSandbox: boolean): SandboxNotice | null {
  if (platform !== 'linux' || !noSandbox || !appImage) return null;
  // A path AppArmor cannot take in quotes cannot be offered as a profile: the .deb is still there.
  const commands = /["\n\r\0]/.test(appImage) ? '' : appArmorCommands(appImage);
  const known = 'Ubuntu 24.04 and later (and systems set up like them) allow the sandbox only to apps they know.';
  const deb = 'Install the Atelier .deb package instead: it brings that permission with it.';
  return {
    title: 'Atelier needs its security sandbox',
    message: 'This system does not let the Atelier AppImage start its security sandbox, and Atelier does not run without it.',
    detail: commands
      ? `${known} ${deb} Or allow this AppImage with an AppArmor profile: "Copy Commands" copies the commands that do it; paste them into a terminal ` +
        `and run them, then Quit and open Atelier again. The profile names this file (${appImage}), so move the AppImage to where you keep it first.`
      : `${known} ${deb}`,
    commands,
  };
}
