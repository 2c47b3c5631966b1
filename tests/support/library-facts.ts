import Database from 'better-sqlite3';
import type { Core } from '../../electron/core/app.ts';
import { collectionNamesByImage } from '../../electron/core/library/collections.ts';
import { libraryPath } from '../../electron/core/library/files.ts';
import type { Tag } from '../../shared/curation.ts';
import type { SearchPage } from '../../shared/search.ts';

async function call<T>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

/**
 * Every fact an export → import round trip must keep, for each generation of a library, without the
 * library's own ids: parameters, dates, credits, source, the curation of each image, tags, the
 * collections holding each image (read from the library file: the channels list collections, not
 * members) and the lineage parent (by its seed). Sorted by creation time, then seed.
 */
export async function libraryFacts(core: Core) {
  const generations = (await call<SearchPage>(core, 'library:search', { text: '', limit: 200 })).items;
  const byId = new Map(generations.map((g) => [g.id, g]));
  const db = new Database(libraryPath(core.dataDir), { readonly: true });
  try {
    const list = [];
    for (const g of generations) {
      const tags = (await call<Tag[]>(core, 'tags:of', { id: g.id })).map((t) => t.name);
      const collections = collectionNamesByImage(db, g.id);
      list.push({
        params: g.params, effective: g.effective, status: g.status, taskId: g.taskId, credits: g.credits, favorite: g.favorite,
        bestRating: g.bestRating, culledImages: g.culledImages, createdAt: g.createdAt, submittedAt: g.submittedAt, completedAt: g.completedAt,
        source: g.source, midjourneyJobId: g.midjourneyJobId, tags,
        parentSeed: g.parentId === null ? null : byId.get(g.parentId)?.effective.seed ?? 'not in this library',
        images: g.images.map((i) => ({
          index: i.index, width: i.width, height: i.height, bytes: i.bytes, sha256: i.sha256, fileSha256: i.fileSha256,
          favorite: i.favorite, rating: i.rating, rejected: i.rejected, collections: collections[i.index],
        })),
      });
    }
    return list.sort((a, b) => a.createdAt - b.createdAt || a.effective.seed - b.effective.seed);
  } finally {
    db.close();
  }
}
