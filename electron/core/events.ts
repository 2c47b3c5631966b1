import type { EventName, EventPayload } from '../../shared/contract.ts';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A typed fan-out of push events from the core to whichever transports are attached. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sends one event to every listener; one listener failing does not starve the others. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`[atelier] push listener failed for ${event}:`, error);
      }
    }
  }
}
