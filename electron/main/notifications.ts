import { Notification, type BrowserWindow } from 'electron';
import { unfinishedStatuses, type Generation, type GenerationStatus } from '../../shared/generation.ts';
import type { Core } from '../core/app.ts';
import { finishNotice } from '../core/desktop/notify.ts';

// Notifications still on screen are held (below); past this many the oldest is let go, since some
// platforms never say when one was dismissed.
const MAX_HELD = 50;

/**
 * Shows a desktop notification when a generation the artist was waiting for finishes while the
 * window is not focused; clicking it brings the window back. Returns the unsubscribe function.
 */
export function notifyFinishes(core: Core, window: () => BrowserWindow | undefined): () => void {
  // The last status seen for each generation still on its way: only real transitions notify.
  const onTheirWay = new Map<number, GenerationStatus>();
  // Electron drops a notification's click handler once nothing holds the notification, which the
  // garbage collector decides: each one is held until it is closed or fails to show (a clicked one
  // can stay in the notification centre and be clicked again).
  const held = new Set<Notification>();
  void core.dispatch('queue:get', undefined).then((result) => {
    if (!result.ok) return;
    for (const item of (result.value as { items: Generation[] }).items) {
      if (unfinishedStatuses.includes(item.status) && !onTheirWay.has(item.id)) onTheirWay.set(item.id, item.status);
    }
  });

  return core.subscribe((event, payload) => {
    if (event !== 'generation:updated') return;
    const generation = payload as Generation;
    const target = window();
    const focused = target !== undefined && !target.isDestroyed() && target.isFocused();
    const notice = finishNotice(onTheirWay.get(generation.id), generation, focused);
    if (unfinishedStatuses.includes(generation.status)) onTheirWay.set(generation.id, generation.status);
    else onTheirWay.delete(generation.id);
    if (!notice || !Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body, silent: false });
    const letGo = () => void held.delete(notification);
    notification.on('click', () => {
      const current = window();
      if (!current || current.isDestroyed()) return;
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
    });
    notification.on('close', letGo);
    notification.on('failed', letGo);
    held.add(notification);
    if (held.size > MAX_HELD) held.delete(held.values().next().value as Notification);
    notification.show();
  });
}
