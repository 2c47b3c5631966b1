/** The curation channels (collections, tags, saved searches) over the library. */
import type { Handlers } from './dispatch.ts';
import type { ImageRef } from '../../shared/curation.ts';
import type { Library } from './library/database.ts';
import type { Undo } from './undo.ts';
import { createCollection, deleteCollection, listCollections, renameCollection, restoreCollection } from './library/collections.ts';
import { fileInParts, tagInParts, unfileInParts, untagInParts } from './filing.ts';
import { deleteSavedSearch, listSavedSearches, renameSavedSearch, saveSearch } from './library/saved-searches.ts';
import { listTags, renameTag, tagsOf } from './library/tags.ts';

type CurationChannel = Extract<keyof Handlers, `collections:${string}` | `tags:${string}` | `searches:${string}`>;

/** The handlers of every `collections:`, `tags:` and `searches:` channel. */
export function createCurationHandlers(db: Library, undo: Pick<Undo, 'keepTagging' | 'keepFiling'>): Pick<Handlers, CurationChannel> {
  // each change that did something keeps its undo step in the library, so Ctrl/Cmd+Z outlives a restart
  const filed = (kind: 'file' | 'unfile', id: number, images: ImageRef[]) => ({ images, undoId: images.length > 0 ? undo.keepFiling(kind, id, images) : null });
  const tagged = (kind: 'tag' | 'untag', ids: number[], name: string) => ({ ids, undoId: ids.length > 0 ? undo.keepTagging(kind, ids, name) : null });
  return {
    'collections:list': () => listCollections(db),
    'collections:create': ({ name }) => createCollection(db, name),
    'collections:rename': ({ id, name }) => renameCollection(db, id, name),
    'collections:delete': ({ id }) => deleteCollection(db, id),
    'collections:restore': ({ id }) => restoreCollection(db, id),
    'collections:add': async ({ id, images, generationIds }) => filed('file', id, await fileInParts(db, id, images, generationIds)),
    'collections:remove': async ({ id, images, generationIds }) => filed('unfile', id, await unfileInParts(db, id, images, generationIds)),

    'tags:list': ({ prefix, limit }) => listTags(db, prefix.trim(), limit),
    'tags:of': ({ id }) => tagsOf(db, id),
    'tags:add': async ({ ids, name }) => tagged('tag', await tagInParts(db, ids, name), name),
    'tags:remove': async ({ ids, name }) => tagged('untag', await untagInParts(db, ids, name), name),
    'tags:rename': ({ from, to }) => renameTag(db, from, to),

    'searches:list': () => listSavedSearches(db),
    'searches:save': (input) => saveSearch(db, input),
    'searches:rename': ({ id, name }) => renameSavedSearch(db, id, name),
    'searches:delete': ({ id }) => deleteSavedSearch(db, id),
  };
}
