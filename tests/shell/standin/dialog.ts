/**
 * `dialog` and `shell`: native UI the harness cannot click. Message boxes and folder pickers take
 * the answers a scenario queued (before the launch, or while it runs); an unexpected one is a
 * violation and answers with its cancel button, as closing it would. Options are checked as
 * Electron's lib/browser/api/dialog.ts checks them; error boxes before ready on Linux only print.
 */
import { strict } from './strict.ts';
import type { World } from './world.ts';

export interface MessageBoxOptions {
  message: string;
  type?: string;
  title?: string;
  detail?: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
  noLink?: boolean;
}

export interface OpenDialogOptions {
  title?: string;
  buttonLabel?: string;
  defaultPath?: string;
  properties?: string[];
  [key: string]: unknown;
}

export interface DesktopRecord {
  /** Message boxes in the order asked, with the window they were attached to (if any). */
  messageBoxes: { options: MessageBoxOptions; attached: boolean; response: number }[];
  /** Error boxes shown as dialogs; `shown: false` when Electron only printed it (Linux, before ready). */
  errorBoxes: { title: string; content: string; shown: boolean }[];
  /** Queued answers (button indexes) for the next message boxes. */
  answers: number[];
  /** Open dialogs in the order asked. */
  openDialogs: { options: OpenDialogOptions; attached: boolean; filePaths: string[] }[];
  /** Queued answers for the next open dialogs: the paths picked, or null for Cancel. */
  openAnswers: (string[] | null)[];
  /** Save dialogs in the order asked. */
  saveDialogs: { options: OpenDialogOptions; attached: boolean; filePath: string }[];
  /** Queued answers for the next save dialogs: the path chosen, or null for Cancel. */
  saveAnswers: (string | null)[];
  opened: { how: 'openExternal' | 'showItemInFolder' | 'openPath'; target: string }[];
}

const MESSAGE_BOX_TYPES = ['none', 'info', 'warning', 'error', 'question'];

/** Electron's choice when a message box names no cancelId: a Cancel or No button, else 0 (1 if 0 is the default). */
function defaultCancelId(options: MessageBoxOptions): number {
  const buttons = options.buttons ?? [];
  const found = buttons.findIndex((text) => ['cancel', 'no'].includes(text.toLowerCase()));
  if (found >= 0) return found;
  return options.defaultId === 0 && buttons.length > 1 ? 1 : 0;
}

/**
 * `dialog.showErrorBox` as Electron does it: a dialog, except on Linux before the app is ready,
 * where it is only printed to stderr (nobody sees it when the app was started from a menu).
 */
export function showErrorBox(world: World, record: DesktopRecord, title: string, content: string): void {
  const shown = world.ready || world.options.platform !== 'linux';
  record.errorBoxes.push({ title, content, shown });
  world.record(`dialog.showErrorBox ${title}${shown ? '' : ' (stderr)'}`);
  if (!shown) process.stderr.write(`${title}\n${content}\n`);
  world.note({ type: shown ? 'error-box' : 'error-box-stderr', title, content });
}

export function createDialog(world: World, record: DesktopRecord): object {
  const checkReady = () => {
    if (!world.ready) throw new Error('dialog module can only be used after app is ready');
  };
  // Electron's (window, options) or (options): a first argument that is not a window is the options,
  // and a missing window (null or undefined) attaches to nothing.
  const split = <T>(first: unknown, second: T | undefined): { options: T; attached: boolean } =>
    second !== undefined ? { options: second, attached: first !== null && first !== undefined } : { options: first as T, attached: false };
  const ask = (given: MessageBoxOptions | undefined, attached: boolean) => {
    checkReady();
    const options = given ?? { message: '' };
    const { buttons = [], type = 'none', message = '', title = '', detail = '', noLink = false } = options;
    if (!MESSAGE_BOX_TYPES.includes(type)) throw new TypeError('Invalid message box type');
    if (!Array.isArray(buttons)) throw new TypeError('Buttons must be an array');
    if (typeof title !== 'string') throw new TypeError('Title must be a string');
    if (typeof noLink !== 'boolean') throw new TypeError('noLink must be a boolean');
    if (typeof message !== 'string') throw new TypeError('Message must be a string');
    if (typeof detail !== 'string') throw new TypeError('Detail must be a string');
    const cancelId = options.cancelId ?? defaultCancelId(options);
    const queued = record.answers.shift();
    if (queued === undefined) world.violation(`an unexpected message box: "${message}"`);
    const response = queued ?? cancelId;
    record.messageBoxes.push({ options: structuredClone(options), attached, response });
    world.record(`dialog.showMessageBox ${message}`);
    world.note({ type: 'message-box', message, buttons, response });
    return response;
  };
  return strict(
    {
      showMessageBox(first: unknown, second?: MessageBoxOptions) {
        const { options, attached } = split(first, second);
        return Promise.resolve({ response: ask(options, attached), checkboxChecked: false });
      },
      showOpenDialog(first: unknown, second?: OpenDialogOptions) {
        checkReady();
        const { options, attached } = split<OpenDialogOptions | undefined>(first, second);
        const { properties = ['openFile'], title = '', buttonLabel = '', defaultPath = '' } = options ?? {};
        if (!Array.isArray(properties)) throw new TypeError('Properties must be an array');
        if (typeof title !== 'string') throw new TypeError('Title must be a string');
        if (typeof buttonLabel !== 'string') throw new TypeError('Button label must be a string');
        if (typeof defaultPath !== 'string') throw new TypeError('Default path must be a string');
        const queued = record.openAnswers.shift();
        if (queued === undefined) world.violation(`an unexpected open dialog: "${title}"`);
        const filePaths = queued ?? [];
        record.openDialogs.push({ options: structuredClone(options ?? {}), attached, filePaths });
        world.record(`dialog.showOpenDialog ${title}`);
        world.note({ type: 'open-dialog', title, filePaths });
        return Promise.resolve({ canceled: filePaths.length === 0, filePaths, bookmarks: [] });
      },
      showSaveDialog(first: unknown, second?: OpenDialogOptions) {
        checkReady();
        const { options, attached } = split<OpenDialogOptions | undefined>(first, second);
        const { properties = [], title = '', buttonLabel = '', defaultPath = '', filters = [] } = options ?? {};
        // Electron's lib/browser/api/dialog.ts checks these for a save dialog as for an open one
        if (!Array.isArray(properties)) throw new TypeError('Properties must be an array');
        if (typeof title !== 'string') throw new TypeError('Title must be a string');
        if (typeof buttonLabel !== 'string') throw new TypeError('Button label must be a string');
        if (typeof defaultPath !== 'string') throw new TypeError('Default path must be a string');
        if (!Array.isArray(filters)) throw new TypeError('Filters must be an array');
        const queued = record.saveAnswers.shift();
        if (queued === undefined) world.violation(`an unexpected save dialog: "${title}"`);
        const filePath = queued ?? '';
        record.saveDialogs.push({ options: structuredClone(options ?? {}), attached, filePath });
        world.record(`dialog.showSaveDialog ${title}`);
        world.note({ type: 'save-dialog', title, filePath });
        return Promise.resolve({ canceled: filePath === '', filePath });
      },
      showErrorBox(title: string, content: string) {
        showErrorBox(world, record, title, content);
      },
    },
    'dialog',
  );
}

export function createShell(world: World, record: DesktopRecord): object {
  const open = (how: DesktopRecord['opened'][number]['how'], target: string) => {
    record.opened.push({ how, target });
    world.note({ type: 'opened', how, target });
  };
  return strict(
    {
      openExternal(url: string) {
        if (typeof url !== 'string') return Promise.reject(new TypeError('url must be a string'));
        open('openExternal', url);
        return Promise.resolve();
      },
      showItemInFolder(file: string) {
        open('showItemInFolder', file);
      },
      openPath(file: string) {
        open('openPath', file);
        return Promise.resolve('');
      },
    },
    'shell',
  );
}
