/**
 * `Notification`: cannot be made before ready; shown ones are recorded so a scenario can click them.
 * Like Electron's, a notification is only reachable while the app holds a reference to it: the
 * record keeps a WeakRef, so a click on one the app let go of reaches nobody.
 */
import { EventEmitter } from 'node:events';
import { strict } from './strict.ts';
import type { World } from './world.ts';

export interface NotificationOptions {
  title?: string;
  body?: string;
  silent?: boolean;
}

export interface ShownNotification {
  title: string;
  body: string;
  target: WeakRef<EventEmitter>;
}

export function createNotificationClass(world: World, shown: ShownNotification[]): object {
  class Notification extends EventEmitter {
    private readonly _options: NotificationOptions;
    constructor(options: NotificationOptions = {}) {
      if (!world.ready) throw new Error('Cannot create Notification before app is ready');
      super();
      this._options = { ...options };
      return strict(this, 'Notification');
    }
    static isSupported(): boolean {
      return true;
    }
    get title(): string {
      return this._options.title ?? '';
    }
    get body(): string {
      return this._options.body ?? '';
    }
    show(): void {
      shown.push({ title: this.title, body: this.body, target: new WeakRef(this) });
      world.note({ type: 'notification', title: this.title, body: this.body });
      this.emit('show', {});
    }
    close(): void {
      this.emit('close', {});
    }
  }
  return Notification;
}
