/** The curation channels (collections, tags, saved searches) over the library. */
import type { Handlers } from './dispatch.ts';
import type { ImageRef } from '../../shared/curation.ts';
import type { Library } from './library/database.ts';
import type { Undo } from './undo.ts';
import { createCollection, listCollections } from './library/collections.ts';
import { fileInParts, tagInParts, unfileInParts, untagInParts } from './filing.ts';
import { listSavedSearches, saveSearch } from './library/saved-searches.ts';
import { listTags, tagsOf } from './library/tags.ts';

type CurationChannel = Extract<keyof Handlers, `collections:${string}` | `tags:${string}` | `searches:${string}`>;

/** The handlers of every `collections:`, `tags:` and `searches:` channel. */
export function createCurationHandlers(db: Library, undo: Pick<Undo, 'keepTagging' | 'keepFiling' | 'names'>): Pick<Handlers, CurationChannel> {
  // each change that did something keeps its undo step in the library, so Ctrl/Cmd+Z outlives a restart
  const filed = (kind: 'file' | 'unfile', id: number, images: ImageRef[]) => ({ images, undoId: images.length > 0 ? undo.keepFiling(kind, id, images) : null });
  const tagged = (kind: 'tag' | 'untag', ids: number[], name: string) => ({ ids, undoId: ids.length > 0 ? undo.keepTagging(kind, ids, name) : null });
  const { names } = undo;
  return {
    'collections:list': () => listCollections(db),
    'collections:create': ({ name }) => createCollection(db, name),
    'collections:rename': ({ id, name }) => names.renameCollection(id, name),
    'collections:delete': ({ id }) => names.deleteCollection(id),
    'collections:add': async ({ id, images, generationIds }) => filed('file', id, await fileInParts(db, id, images, generationIds)),
    'collections:remove': async ({ id, images, generationIds }) => filed('unfile', id, await unfileInParts(db, id, images, generationIds)),

    'tags:list': ({ prefix, limit }) => listTags(db, prefix.trim(), limit),
    'tags:of': ({ id }) => tagsOf(db, id),
    'tags:add': async ({ ids, name }) => tagged('tag', await tagInParts(db, ids, name), name),
    'tags:remove': async ({ ids, name }) => tagged('untag', await untagInParts(db, ids, name), name),
    'tags:rename': ({ from, to }) => names.renameTag(from, to),

    'searches:list': () => listSavedSearches(db),
    'searches:save': (input) => saveSearch(db, input),
    'searches:rename': ({ id, name }) => names.renameSearch(id, name),
    'searches:delete': ({ id }) => names.deleteSearch(id),
  };
}
