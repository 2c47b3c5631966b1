import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/contract.ts';
import { fail } from '../../shared/result.ts';
import type { Core } from '../core/app.ts';

/**
 * Registers every contract channel with one generic handler and forwards every push
 * event to the window. Requests from any frame but the window's own top frame are refused.
 */
export function connectIpc(core: Core, window: BrowserWindow): () => void {
  const fromOurWindow = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents && event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame;

  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) =>
      fromOurWindow(event) ? core.dispatch(channel, input) : fail('invalid_input', 'Request from an unknown frame refused.'),
    );
  }
  const unsubscribe = core.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
