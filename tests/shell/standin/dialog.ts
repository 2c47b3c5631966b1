/**
 * `dialog` and `shell`: native UI the harness cannot click. Message boxes take the answers a
 * scenario queued; an unexpected one is a violation and answers with its cancel button.
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

export interface DesktopRecord {
  /** Message boxes in the order asked, with the window they were attached to (if any). */
  messageBoxes: { options: MessageBoxOptions; attached: boolean; response: number }[];
  errorBoxes: { title: string; content: string }[];
  /** Queued answers (button indexes) for the next message boxes. */
  answers: number[];
  opened: { how: 'openExternal' | 'showItemInFolder' | 'openPath'; target: string }[];
}

export function createDialog(world: World, record: DesktopRecord): object {
  const checkReady = () => {
    if (!world.ready) throw new Error('dialog module can only be used after app is ready');
  };
  const ask = (options: MessageBoxOptions, attached: boolean) => {
    checkReady();
    if (typeof options?.message !== 'string') throw new TypeError('Options must be an object with a message');
    const queued = record.answers.shift();
    if (queued === undefined) world.violation(`an unexpected message box: "${options.message}"`);
    const response = queued ?? options.cancelId ?? 0;
    record.messageBoxes.push({ options: structuredClone(options), attached, response });
    world.record(`dialog.showMessageBox ${options.message}`);
    world.note({ type: 'message-box', message: options.message, response });
    return response;
  };
  return strict(
    {
      showMessageBox(first: unknown, second?: MessageBoxOptions) {
        const attached = second !== undefined;
        const options = (attached ? second : first) as MessageBoxOptions;
        return Promise.resolve({ response: ask(options, attached), checkboxChecked: false });
      },
      showErrorBox(title: string, content: string) {
        // Electron shows this one even before ready: it is how start-up failures are told.
        record.errorBoxes.push({ title, content });
        world.record(`dialog.showErrorBox ${title}`);
        world.note({ type: 'error-box', title, content });
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
