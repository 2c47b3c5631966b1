import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, clipboard, dialog, shell } from 'electron';
import { argsWithDataDir } from '../core/config.ts';
import type { SandboxNotice } from '../core/desktop/sandbox-check.ts';
import { LIBRARY_CHOICES, libraryProblemNotice, startUpFailureNotice } from '../core/desktop/start-up-failure.ts';

/**
 * The native dialogs of a start that cannot go on. Each waits for ready: before it, Electron on
 * Linux prints an error box to stderr instead of showing it, and other dialogs throw.
 */

/** Tells the artist that the shell itself could not start, and what to do; `logsDir` if the log was being written. */
export async function tellStartUpFailure(error: unknown, logsDir?: string): Promise<void> {
  console.error('[atelier] could not start:', error);
  await app.whenReady();
  const notice = startUpFailureNotice(error, logsDir);
  dialog.showErrorBox(notice.title, `${notice.message}\n\n${notice.detail}`);
}

/** An error dialog of a start that cannot go on: the notice's words, these buttons (the first the default, `cancel` on Esc); answers the one pressed. */
async function ask<Choice extends string>(notice: { title: string; message: string; detail: string }, buttons: readonly Choice[], cancel: Choice): Promise<Choice | undefined> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: notice.title,
    message: notice.message,
    detail: notice.detail,
    buttons: [...buttons],
    defaultId: 0,
    cancelId: buttons.indexOf(cancel),
    noLink: true,
  });
  return buttons[response];
}

/** The folder itself, or the nearest one above it that exists (a library that could not be made has none). */
function nearestFolder(dir: string): string {
  let current = path.resolve(dir);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

/**
 * Says why the library could not be opened and offers a way out: opening its folder (to look, then
 * choose again) or choosing another library folder. Resolves with the folder chosen, or undefined
 * when the artist quits.
 */
export async function askAboutLibrary(error: unknown, dataDir: string, logFile: string): Promise<string | undefined> {
  console.error('[atelier] could not open the library:', error);
  await app.whenReady();
  const notice = libraryProblemNotice(error, dataDir, logFile);
  for (;;) {
    const choice = await ask(notice, LIBRARY_CHOICES, 'Quit');
    if (choice === 'Open library folder') {
      const problem = await shell.openPath(nearestFolder(dataDir));
      if (problem) console.error('[atelier] could not open the library folder:', problem);
      continue;
    }
    if (choice !== 'Choose another library…') return undefined;
    const picked = await dialog.showOpenDialog({
      title: 'Choose a library folder',
      buttonLabel: 'Open Library',
      defaultPath: nearestFolder(path.dirname(dataDir)),
      properties: ['openDirectory', 'createDirectory'],
    });
    const folder = picked.filePaths[0];
    if (!picked.canceled && folder) return folder;
  }
}

/**
 * Starts Atelier again on another library once this process exits. A process is one library: its
 * single-instance lock, Chromium's folder and the log are all set up for it before the app is
 * ready, so another library means another process (as `--data-dir` on the command line does).
 */
export function relaunchOn(dataDir: string): void {
  app.relaunch({ args: argsWithDataDir(process.argv.slice(1), dataDir) });
}

/**
 * Explains why this AppImage stops without its sandbox, offering the commands that allow it. The
 * dialog stays after copying: on Linux a copy lasts only while the app that made it runs.
 */
export async function refuseWithoutSandbox(notice: SandboxNotice): Promise<void> {
  console.error(`[atelier] ${notice.message}`);
  await app.whenReady();
  const buttons = notice.commands ? ['Copy Commands', 'Quit'] : ['Quit'];
  for (;;) {
    if ((await ask(notice, buttons, 'Quit')) !== 'Copy Commands') return;
    await clipboard.writeText(notice.commands);
  }
}
