/** The curation channels (collections, tags, saved searches) over the library. */
import type { Handlers } from './dispatch.ts';
import type { Library } from './library/database.ts';
import { createCollection, deleteCollection, listCollections, renameCollection, restoreCollection } from './library/collections.ts';
import { fileInParts, tagInParts, unfileInParts, untagInParts } from './filing.ts';
import { deleteSavedSearch, listSavedSearches, renameSavedSearch, saveSearch } from './library/saved-searches.ts';
import { listTags, renameTag, tagsOf } from './library/tags.ts';

type CurationChannel = Extract<keyof Handlers, `collections:${string}` | `tags:${string}` | `searches:${string}`>;

/** The handlers of every `collections:`, `tags:` and `searches:` channel. */
export function createCurationHandlers(db: Library): Pick<Handlers, CurationChannel> {
  return {
    'collections:list': () => listCollections(db),
    'collections:create': ({ name }) => createCollection(db, name),
    'collections:rename': ({ id, name }) => renameCollection(db, id, name),
    'collections:delete': ({ id }) => deleteCollection(db, id),
    'collections:restore': ({ id }) => restoreCollection(db, id),
    'collections:add': async ({ id, images, generationIds }) => ({ images: await fileInParts(db, id, images, generationIds) }),
    'collections:remove': async ({ id, images, generationIds }) => ({ images: await unfileInParts(db, id, images, generationIds) }),

    'tags:list': ({ prefix, limit }) => listTags(db, prefix.trim(), limit),
    'tags:of': ({ id }) => tagsOf(db, id),
    'tags:add': async ({ ids, name }) => ({ ids: await tagInParts(db, ids, name) }),
    'tags:remove': async ({ ids, name }) => ({ ids: await untagInParts(db, ids, name) }),
    'tags:rename': ({ from, to }) => renameTag(db, from, to),

    'searches:list': () => listSavedSearches(db),
    'searches:save': (input) => saveSearch(db, input),
    'searches:rename': ({ id, name }) => renameSavedSearch(db, id, name),
    'searches:delete': ({ id }) => deleteSavedSearch(db, id),
  };
}
