/**
 * The name of every IPC channel and push event, and nothing else. The preload needs
 * only these names, so they live apart from the contract's schemas: importing this
 * file brings no zod into the preload bundle. `contract.ts` declares each name's
 * input schema and types, and the compiler holds its keys to exactly these lists.
 */
export const channelNames = [
  'app:info',
  'generation:create',
  'generation:get',
  'generation:rerun',
  'generation:retry',
  'generation:cancel',
  'generation:dismiss',
  'generation:checkNow',
  'generation:lineage',
  'batch:create',
  'batch:get',
  'batch:cancel',
  'queue:get',
  'queue:resume',
  'library:search',
  'library:count',
  'library:stopGalleryCount',
  'library:delete',
  'library:stackMembers',
  'library:stats',
  'library:removeSimulated',
  'credits:summary',
  'import:start',
  'import:status',
  'backup:list',
  'backup:restore',
  'library:openFolder',
  'image:drag',
  'image:retryDownload',
  'image:copy',
  'image:showInFolder',
  'image:favorite',
  'image:rate',
  'image:reject',
  'image:delete',
  'image:undo',
  'bulk:apply',
  'bulk:undo',
  'undo:run',
  'undo:list',
  'image:similar',
  'library:duplicates',
  'settings:get',
  'settings:update',
  'export:start',
  'export:cancel',
  'dialog:pickPath',
  'collections:list',
  'collections:create',
  'collections:rename',
  'collections:delete',
  'collections:add',
  'collections:remove',
  'tags:list',
  'tags:of',
  'tags:add',
  'tags:remove',
  'tags:rename',
  'searches:list',
  'searches:save',
  'searches:rename',
  'searches:delete',
  'reference:fromImage',
  'reference:filePart',
  'reference:fromFile',
] as const;

export const eventNames = [
  'app:ready',
  'generation:updated',
  'thumbnail:saved',
  'library:changed',
  'queue:changed',
  'credits:changed',
  'library:restored',
  'import:progress',
  'import:finished',
  'settings:changed',
  'library:damaged',
  'app:command',
  'export:progress',
  'reference:progress',
  'library:hashing',
] as const;

export type ChannelName = (typeof channelNames)[number];
export type EventName = (typeof eventNames)[number];

const knownChannels: ReadonlySet<string> = new Set(channelNames);
const knownEvents: ReadonlySet<string> = new Set(eventNames);

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && knownChannels.has(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && knownEvents.has(name);
}
