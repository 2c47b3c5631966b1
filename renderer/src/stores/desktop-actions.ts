import type { ChannelName } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { toastError, useToastStore } from './toast-store.ts';

type ImageChannel = Extract<ChannelName, 'image:copy' | 'image:showInFolder' | 'image:drag'>;

/** Asks the desktop shell to act on one saved image; the shell finds the file in the library itself. */
export async function imageAction(channel: ImageChannel, generationId: number, index: number, done?: string): Promise<void> {
  const result = await api.invoke(channel, { generationId, index });
  if (!result.ok) return toastError(result.error.message);
  if (done) useToastStore.getState().show(done);
}
