/**
 * The one IPC contract between the renderer and the main process. Every channel is
 * declared here once (name `domain:action`, zod input schema, output type) and every
 * push event once; both transports (Electron IPC, the preview WebSocket) and the
 * core's handlers are typed against these declarations.
 */
import { z } from 'zod';
import type { Result } from './result.ts';

/** A channel's output type lives only in the type system; the value is never read. */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}
function event<Payload>() {
  return undefined as unknown as Payload;
}

/** Channels that take nothing accept `undefined` (what `invoke(name)` sends) and nothing else. */
const nothing = z.undefined();

export type ProviderKind = 'sandbox' | 'kinovi';

export interface AppInfo {
  name: string;
  version: string;
  /** The library folder: where the database and images live. */
  dataDir: string;
  provider: { kind: ProviderKind; baseUrl: string; label: string };
  /** Which transport answered: the desktop shell or the browser preview host. */
  shell: 'electron' | 'preview';
}

export const channels = {
  'app:info': channel<AppInfo>()(nothing),
};

export const events = {
  /** Sent once when the core has finished starting (or restarting) its services. */
  'app:ready': event<{ at: number }>(),
};

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
/** What a caller may pass (before the schema's defaults and transforms). */
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends ChannelName> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = (typeof channels)[C]['output'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Arguments of `invoke`: channels whose input may be undefined need no second argument. */
export type InvokeArgs<C extends ChannelName> = undefined extends ChannelInput<C>
  ? [input?: ChannelInput<C>]
  : [input: ChannelInput<C>];

/** What the renderer sees, whichever transport carries it. */
export interface AtelierApi {
  invoke<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to a push event; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
