/**
 * The one IPC contract between the renderer and the main process. Every channel is
 * declared here once (name `domain:action`, zod input schema, output type) and every
 * push event once; both transports (Electron IPC, the preview WebSocket) and the
 * core's handlers are typed against these declarations.
 */
import { z } from 'zod';
import type { ChannelName, EventName } from './channels.ts';
import { apiAddressProblem } from './api-address.ts';
import type { Generation, GenerationStatus } from './generation.ts';
import { API_KEY_MAX_LENGTH, CURATION_MAX_IMAGES, EXPORT_PICKS_LIMIT, SEARCH_TEXT_MAX_LENGTH, URL_MAX_LENGTH } from './input-limits.ts';
import { generationParamsSchema } from './params.ts';
import type { Result } from './result.ts';
import { librarySearchSchema, type SearchCount, type SearchPage } from './search.ts';
import type { DuplicatesView, HashingProgress, SimilarImage } from './duplicates.ts';
import { curationName, searchFiltersSchema, tagName, type Collection, type ImageRef, type SavedSearch, type Tag } from './curation.ts';
import type { Batch } from './runs/batch.ts';
import { sweepParameters } from './runs/sweep.ts';
import { MAX_RUNS_PER_ACTION } from './runs/expand.ts';
import { REFERENCE_PART_MAX_CHARS, type ReferenceChoice, type ReferenceProgress } from './reference.ts';
import { exportPictureSchema } from './export-picture.ts';
import { curationTargetSchema, curationUndoSchema, ratingSchema, type CurationResult, type UndoOutcome } from './image-curation.ts';
import { bulkApplySchema, querySelectionSchema, type BulkResult } from './bulk.ts';

export { channelNames, eventNames, isChannelName, isEventName, type ChannelName, type EventName } from './channels.ts';

/** A channel's output type lives only in the type system; the value is never read. */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}
function event<Payload>() {
  return undefined as unknown as Payload;
}
/** `satisfies` holds each declaration to the names in channels.ts: every one, and no other. */
type Declared<Name extends string> = Record<Name, unknown>;

/** Channels that take nothing accept `undefined` (what `invoke(name)` sends) and nothing else. */
const nothing = z.undefined();

export type ProviderKind = 'sandbox' | 'kinovi';

/** What the desktop menus can ask of the studio. */
export const appCommands = ['new-generation', 'export', 'import', 'focus-search', 'open-settings', 'toggle-queue', 'show-shortcuts'] as const;
export type AppCommand = (typeof appCommands)[number];

export interface AppInfo {
  name: string;
  version: string;
  /** The library folder: where the database and images live. */
  dataDir: string;
  provider: { kind: ProviderKind; baseUrl: string; label: string };
  /** Which transport answered: the desktop shell or the browser preview host. */
  shell: 'electron' | 'preview';
  /** Set once damage is found in the library file while it is open; null while it is sound. */
  libraryDamage: LibraryDamage | null;
}

/** The library file was found damaged: Atelier stopped writing to it and points at the latest verified backup. */
export interface LibraryDamage {
  /** What happened and how to restore, in words for the artist. */
  message: string;
  /** The newest backup that passed its page check, or null when none exists. */
  backup: string | null;
}

/** How far an import has come: files dealt with out of all found, and how each went. */
export interface ImportProgress {
  runId: number;
  folder: string;
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  unreadable: number;
}

/** The end of an import: what came in, what was already there, and why the rest could not be read. */
export interface ImportReport {
  runId: number;
  folder: string;
  imported: number;
  duplicates: number;
  unreadable: { file: string; reason: string }[];
}

/** What a window opening late is told: the import under way, or the last one's report. */
export interface ImportStatus {
  progress: ImportProgress | null;
  report: ImportReport | null;
}

/**
 * A restore's outcome: the copy kept of the library as it was, and the saved images the restored
 * library names whose files are gone (deleted after the backup was taken: a backup holds the
 * database, not the image files), with the generations they belong to (the first 1,000).
 */
export interface RestoreResult {
  keptAs: string;
  missing: { images: number; generations: number[] };
}

/** What a native file dialog is for (the desktop app's Export… and Import…). */
export const pathPurposes = ['export-zip', 'export-folder', 'import-folder', 'import-zip'] as const;
export type PathPurpose = (typeof pathPurposes)[number];

/** One backup of the library in its backups folder. */
export interface BackupInfo {
  /** The file's name in the backups folder: what `backup:restore` takes. */
  name: string;
  /** The UTC day it was taken, YYYY-MM-DD. */
  day: string;
  /** Unix milliseconds the copy was finished. */
  takenAt: number;
  bytes: number;
  /** Passed its page-by-page check when written (only checked copies are kept under a backup's name). */
  verified: boolean;
  /** The library as it was just before a restore replaced it. */
  beforeRestore: boolean;
}

/** Why the queue is not submitting, in words; null while it runs. */
export interface QueuePause {
  reason: 'api_key_invalid' | 'api_access_denied' | 'api_insufficient_credits' | 'offline';
  message: string;
}

export interface QueueView {
  /** Unfinished generations, plus failed and outcome-unknown ones the artist has not dismissed. */
  items: Generation[];
  paused: QueuePause | null;
  /** How many may be in flight at once (the account's limit once a 429 has taught it). */
  concurrency: number;
}

/** A batch and its runs in the order they were made (a sweep's grid order). */
export interface BatchView {
  batch: Batch;
  runs: Generation[];
}

export interface Lineage {
  parent: Generation | null;
  children: Generation[];
}

export interface LibraryStats {
  /** Generations in the library (binned ones left out). */
  generations: number;
  /** Image files saved on disk. */
  images: number;
  favorites: number;
  byStatus: Record<GenerationStatus, number>;
  /** Bytes of saved image files (thumbnails not counted). */
  bytes: number;
  /** Every credit ever charged, purged generations included. */
  creditsSpent: number;
}

export interface CreditSummary {
  perRun: number;
  dollarsPerRun: number;
  /** Credits charged since local midnight, and in all. */
  today: number;
  total: number;
  /** The balance the API last reported (only 402 answers carry one), with when. */
  lastKnownBalance: { available: number; at: number } | null;
}

export interface SettingsView {
  /** Whether a key is stored for the current API address; the key itself never leaves the main process. */
  hasApiKey: boolean;
  /** The API origin the stored key was saved for (a key is only ever sent there); null when none is stored. */
  keyOrigin: string | null;
  apiBaseUrl: string;
  concurrency: number;
  /** A bulk action of more runs than this asks "Confirm runs" first (0: always ask). */
  confirmRunsAbove: number;
  dataDir: string;
}

/** How far an export has come (pushed while it runs). */
export interface ExportProgress {
  images: number;
  totalImages: number;
  bytes: number;
  totalBytes: number;
  /** Estimated milliseconds left; null until there is something to estimate from. */
  msLeft: number | null;
}

export type ExportResult =
  | { status: 'done'; path: string; images: number; bytes: number }
  | { status: 'cancelled' }
  /** The preview's download: the address (on the preview host, usable once, for a minute) the page opens to start it. */
  | { status: 'download'; url: string };

/** An absolute path on the machine running the core; the core checks it further (exportDestinationProblem). */
const hostPath = z.string().min(1).max(1024, 'That path is too long: at most 1,024 characters.');

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(10_000);
/** One of a generation's saved images. */
/** One swept setting with the values to try; each value is checked with the one parameter schema when the run is built. */
const sweepAxis = z
  .object({
    parameter: z.enum(sweepParameters),
    values: z.array(z.union([z.number(), z.string().max(40), z.boolean()])).min(2).max(MAX_RUNS_PER_ACTION),
  })
  .strict();
const imageRef = z.object({ generationId: id, index: z.number().int().min(0).max(3) }).strict();
/** The caller's own name for one reference request: its progress events and file parts carry it. */
const referenceRequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A request id is 1 to 64 letters, digits, - or _.');
/** Images and whole generations of one collection; a bulk add of 10,000 generations is 40,000 images at most. */
const curationMembers = z
  .object({ id, images: z.array(imageRef).max(40_000).default([]), generationIds: z.array(id).max(10_000).default([]) })
  .strict()
  .refine((m) => m.images.length + m.generationIds.length > 0, { message: 'Choose at least one image or generation.' });

export const channels = {
  'app:info': channel<AppInfo>()(nothing),

  /** Saves a new generation as queued and hands it to the queue. */
  'generation:create': channel<Generation>()(
    // collectionId: "Generate into": the run is filed there with its queued row, so a crash cannot lose the choice
    z.object({ params: generationParamsSchema, parentId: id.optional(), collectionId: id.optional() }).strict(),
  ),
  'generation:get': channel<Generation>()(z.object({ id }).strict()),
  /** Runs a finished generation again with the same parameters and the same or a new seed. */
  'generation:rerun': channel<Generation>()(z.object({ id, seed: z.enum(['same', 'new']) }).strict()),
  /** A new try of a failed or outcome-unknown generation, linked to it. */
  'generation:retry': channel<Generation>()(z.object({ id }).strict()),
  /** Only a queued generation can be cancelled: the API has no cancel. */
  'generation:cancel': channel<Generation>()(z.object({ id }).strict()),
  /** Hides a failed, unknown or submitted generation from the queue; its record stays. */
  'generation:dismiss': channel<Generation>()(z.object({ id }).strict()),
  /** Asks the API about running generations now instead of at the next poll. */
  'generation:checkNow': channel<void>()(z.object({ id: id.optional() }).strict().optional()),
  'generation:lineage': channel<Lineage>()(z.object({ id }).strict()),

  /**
   * Expands the prompt's {permutations} and --repeat, times the sweep's values (at most 40 runs), and
   * saves them all as queued in one batch, or none: the queue sends them within the account's limit.
   */
  'batch:create': channel<BatchView>()(
    z.object({ params: generationParamsSchema, sweep: z.array(sweepAxis).max(2).optional(), parentId: id.optional(), collectionId: id.optional() }).strict(),
  ),
  'batch:get': channel<BatchView>()(z.object({ id }).strict()),
  /** Cancels the batch's runs not yet sent; those already sent go on (the API has no cancel). */
  'batch:cancel': channel<BatchView>()(z.object({ id }).strict()),

  'queue:get': channel<QueueView>()(nothing),
  /** Starts submitting again after a pause (e.g. once a key is fixed or credits bought). */
  'queue:resume': channel<QueueView>()(nothing),

  /**
   * One page of a search. `forGallery`: the gallery's first page as the artist types, of which only
   * the newest asked is read (an older one still waiting answers `conflict`), so the grid asks at each
   * key and the whole word's page never waits for the pages of its parts to reach the window first.
   */
  'library:search': channel<SearchPage>()(librarySearchSchema.extend({ forGallery: z.literal(true).optional() })),
  /**
   * Every generation a search matches, stack members included; `tiles` while reruns are stacked.
   * `forGallery`: the gallery's total, of which only the newest asked is counted (an older one, waiting
   * or under way, answers `conflict`), so a total never waits behind the counts of earlier keystrokes.
   */
  'library:count': channel<SearchCount>()(librarySearchSchema.extend({ forGallery: z.literal(true).optional() })),
  /**
   * The gallery's total waiting or under way is no longer wanted: the artist searched again. It stops
   * within milliseconds (answering `conflict`) rather than read on beside the next search.
   */
  'library:stopGalleryCount': channel<void>()(nothing),
  /** Moves generations to the trash; `undo:run` with `undoId` (null when none moved) brings them back while the undo is kept. */
  'library:delete': channel<{ ids: number[]; undoId: number | null }>()(z.object({ ids }).strict()),
  /** Every generation stacked with any of `ids` (themselves included), newest first: a selection of collapsed stacks acts on all of them. */
  'library:stackMembers': channel<{ ids: number[] }>()(z.object({ ids }).strict()),
  'library:stats': channel<LibraryStats>()(nothing),
  /** Moves every finished Sandbox generation to the bin in one step; `undo:run` with `undoId` (null when none moved) brings them back. */
  'library:removeSimulated': channel<{ removed: number; undoId: number | null }>()(nothing),

  'credits:summary': channel<CreditSummary>()(nothing),

  /**
   * Imports a folder on this machine (an Atelier export, Midjourney downloads, any PNG/JPEG/WebP):
   * copies into the library, answers the report when done (null when Atelier closed first: the
   * import goes on at the next start). Progress comes as `import:progress`, the end as `import:finished`.
   */
  'import:start': channel<ImportReport | null>()(z.object({ folder: hostPath }).strict()),
  /** The import under way, or the last report (a run resumed at start may end before a window opens). */
  'import:status': channel<ImportStatus>()(nothing),

  /** The library's backups, newest first. */
  'backup:list': channel<BackupInfo[]>()(nothing),
  /**
   * Keeps the current library as a backup, then restores the named one in its place (refused while
   * generations are on their way). `library:restored` follows: everything shown is to be read again.
   */
  'backup:restore': channel<RestoreResult>()(z.object({ name: z.string().min(1).max(200) }).strict()),
  /** Desktop only (the preview answers `conflict`): a native save or folder dialog; the path picked, null when cancelled. */
  'dialog:pickPath': channel<{ path: string | null }>()(z.object({ purpose: z.enum(pathPurposes) }).strict()),
  /** Desktop only (the preview answers `conflict` with the path): the file manager opens at the library. */
  'library:openFolder': channel<void>()(nothing),

  /** Desktop only (the preview answers `conflict`): the file is looked up in the library, never taken from the caller. */
  'image:drag': channel<void>()(imageRef),
  /** Fetches one image that was not saved again ("Retry download" in its slot). */
  'image:retryDownload': channel<Generation>()(imageRef),
  'image:copy': channel<void>()(imageRef),
  'image:showInFolder': channel<void>()(imageRef),
  /**
   * Curation of images, or of every image of some generations: each answers with the number of its
   * undo, which `image:undo` takes to put the images back exactly as they were.
   */
  'image:favorite': channel<CurationResult>()(z.object({ target: curationTargetSchema, favorite: z.boolean() }).strict()),
  /** `rating: null` clears it. */
  'image:rate': channel<CurationResult>()(
    z.object({ target: curationTargetSchema, rating: ratingSchema.nullable() }).strict(),
  ),
  'image:reject': channel<CurationResult>()(z.object({ target: curationTargetSchema, rejected: z.boolean() }).strict()),
  /** To the trash (files stay until it is emptied); deleting a generation's last image deletes the generation. */
  'image:delete': channel<CurationResult>()(z.object({ target: curationTargetSchema }).strict()),
  /** Puts the images of one recent change back as they were (each change once); answers with the generations changed. */
  'image:undo': channel<Generation[]>()(curationUndoSchema),
  /**
   * One action over everything a search matches minus the tiles left out (Ctrl/Cmd+A): the core
   * resolves the search itself, so no list of ids travels. Nothing is pushed per generation: read the page again.
   */
  'bulk:apply': channel<BulkResult>()(bulkApplySchema),
  /** Puts back what one `bulk:apply` changed (each once). */
  'bulk:undo': channel<void>()(curationUndoSchema),
  /**
   * Takes back any kept change by the `undoId` it answered with (curation, delete, tags, collections,
   * bulk), once. The steps live in the library, so this works after a restart too.
   */
  'undo:run': channel<UndoOutcome>()(curationUndoSchema),
  /** What Ctrl/Cmd+Z can take back, oldest first: the renderer's stack after a start or a reload. */
  'undo:list': channel<{ undoIds: number[] }>()(nothing),
  /** "Find similar": the images that look like this one (exact copies and near ones), closest first. */
  'image:similar': channel<SimilarImage[]>()(imageRef),
  /** The "Duplicates" view: exact and near duplicates grouped, and how far the hashing of older images is. */
  'library:duplicates': channel<DuplicatesView>()(nothing),

  'settings:get': channel<SettingsView>()(nothing),
  /**
   * `apiKey: null` forgets the stored key (back to the Sandbox). A key is bound to the API origin it is
   * saved for: after a change of address to another origin, `hasApiKey` is false until a key is given.
   */
  'settings:update': channel<SettingsView>()(
    z
      .object({
        apiKey: z.string().trim().min(8, 'That does not look like an API key.').max(API_KEY_MAX_LENGTH, 'That does not look like an API key: it is too long.').nullable().optional(),
        apiBaseUrl: z
          .string()
          .trim()
          .max(URL_MAX_LENGTH, `The API address is too long: at most ${URL_MAX_LENGTH} characters.`)
          .superRefine((address, context) => {
            const problem = apiAddressProblem(address);
            if (problem !== null) context.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
        concurrency: z.number().int().min(1, 'At least 1.').max(50, 'At most 50.').optional(),
        confirmRunsAbove: z.number({ error: 'A whole number of runs.' }).int('A whole number of runs.').min(0, 'At least 0.').max(MAX_RUNS_PER_ACTION, `At most ${MAX_RUNS_PER_ACTION}.`).optional(),
      })
      .strict(),
  ),

  /**
   * Exports the chosen generations (`ids: null` = the whole library) as a new folder inside `folder`,
   * or as a new ZIP file; one export at a time. Progress comes as `export:progress`.
   */
  'export:start': channel<ExportResult>()(
    z
      .object({
        ids: ids.nullable(),
        destination: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('folder'), folder: hostPath }).strict(),
          z.object({ kind: z.literal('zip'), file: hostPath }).strict(),
          // the browser preview: a ZIP the browser downloads from a one-time address on the host
          z.object({ kind: z.literal('download') }).strict(),
        ]),
        sidecars: z.boolean().optional(),
        /** When given, replaces `ids`: everything a search matches (a Ctrl/Cmd+A selection, a collection, a saved search). */
        everything: querySelectionSchema.optional(),
        /** When given, replaces `ids`: exactly these images go (the picked images of the single-image layout or the detail view’s strip). */
        images: z
          .array(imageRef)
          .min(1)
          // as many as the selection bar acts on one by one: more would not fit the preview's bridge frame
          .max(CURATION_MAX_IMAGES, EXPORT_PICKS_LIMIT)
          .optional(),
        /** A collection's export: of its generations, only the images filed in it. */
        collectionId: z.number().int().positive().optional(),
        /** Rejected images too ("Include rejected"); without it an export follows the gallery and leaves them out. */
        includeRejected: z.boolean().optional(),
        /** The stored files as they are (the default), or JPEG/WebP at a quality and size. */
        picture: exportPictureSchema.optional(),
        template: z.string().trim().min(1).max(200, 'A name template is at most 200 characters.').optional(),
      })
      .strict()
      .refine((input) => input.images === undefined || input.everything === undefined, { message: 'Export either the picked images or everything the search matches, not both.' }),
  ),
  /** Stops the running export; it then answers `{ status: 'cancelled' }` and leaves no files behind. */
  'export:cancel': channel<void>()(nothing),

  // Curation. Each change answers with what its undo needs (the images or ids it really changed, the old name).
  'collections:list': channel<Collection[]>()(nothing),
  'collections:create': channel<Collection>()(z.object({ name: curationName('collection') }).strict()),
  /** Renames and deletes answer `undoId` (null when nothing changed): `undo:run` takes them back, also after a restart. */
  'collections:rename': channel<{ collection: Collection; previousName: string; undoId: number | null }>()(z.object({ id, name: curationName('collection') }).strict()),
  /** Deleting a collection never deletes images; it waits, members and all, while its undo is kept. */
  'collections:delete': channel<{ collection: Collection; undoId: number }>()(z.object({ id }).strict()),
  /** Files images and whole generations (their four images); answers the images that were not in it yet. */
  'collections:add': channel<{ images: ImageRef[]; undoId: number | null }>()(curationMembers),
  'collections:remove': channel<{ images: ImageRef[]; undoId: number | null }>()(curationMembers),
  /** Autocomplete: tags starting with `prefix`, any case. */
  'tags:list': channel<Tag[]>()(z.object({ prefix: z.string().max(50).default(''), limit: z.number().int().min(1).max(200).default(20) }).strict()),
  'tags:of': channel<Tag[]>()(z.object({ id }).strict()),
  /** Answers the generations that did not carry the tag yet (what an undo takes it off). */
  'tags:add': channel<{ ids: number[]; undoId: number | null }>()(z.object({ ids, name: tagName }).strict()),
  'tags:remove': channel<{ ids: number[]; undoId: number | null }>()(z.object({ ids, name: tagName }).strict()),
  /** Renames a tag on every generation that carries it. */
  'tags:rename': channel<{ previousName: string; undoId: number | null }>()(z.object({ from: tagName, to: tagName }).strict()),
  'searches:list': channel<SavedSearch[]>()(nothing),
  'searches:save': channel<SavedSearch>()(
    z.object({ name: curationName('saved search'), query: z.string().max(SEARCH_TEXT_MAX_LENGTH), filters: searchFiltersSchema.default({}) }).strict(),
  ),
  'searches:rename': channel<{ search: SavedSearch; previousName: string; undoId: number | null }>()(z.object({ id, name: curationName('saved search') }).strict()),
  'searches:delete': channel<{ search: SavedSearch; undoId: number }>()(z.object({ id }).strict()),

  // Use as reference: the answer is the URL to put in the reference field and its expiry (uploads live 24 h).
  /** A library image as a reference: its Kinovi address if a check finds it alive, else its saved file uploaded. */
  'reference:fromImage': channel<ReferenceChoice>()(z.object({ generationId: id, index: z.number().int().min(0).max(3), requestId: referenceRequestId }).strict()),
  /** One part of a dropped file, in order (a part fits any transport's message); `reference:fromFile` then uploads the whole. */
  'reference:filePart': channel<{ receivedBytes: number }>()(
    z
      .object({
        requestId: referenceRequestId,
        offset: z.number().int().min(0),
        data: z.string().min(1).max(REFERENCE_PART_MAX_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file part is not base64.'),
      })
      .strict(),
  ),
  /** Uploads the file whose parts arrived under `requestId` (checked: an image, at most 8 MB). */
  'reference:fromFile': channel<ReferenceChoice>()(z.object({ requestId: referenceRequestId, fileName: z.string().trim().min(1).max(255) }).strict()),
} satisfies Declared<ChannelName>;

export const events = {
  /** Sent once when the core has finished starting (or restarting) its services. */
  'app:ready': event<{ at: number }>(),
  /** Every state change of a generation, after it is saved. */
  'generation:updated': event<Generation>(),
  /**
   * A run's thumbnail just saved, its bytes with it (WebP, base64; a few KB), sent just before the
   * `generation:updated` that names it: the feed shows it without asking the media route and
   * waiting behind the core's other work (bench:ui: landing → painted ≤ 100 ms).
   */
  'thumbnail:saved': event<{ path: string; base64: string }>(),
  /** Generations left or came back into the library (delete, restore, purge). */
  'library:changed': event<{ ids: number[]; change: 'deleted' | 'restored' | 'purged' }>(),
  'queue:changed': event<{ paused: QueuePause | null; concurrency: number }>(),
  'credits:changed': event<CreditSummary>(),
  'import:progress': event<ImportProgress>(),
  'import:finished': event<ImportReport>(),
  /** A backup was restored in place of the library: the renderer reads everything again. */
  'library:restored': event<RestoreResult>(),
  'settings:changed': event<SettingsView>(),
  /**
   * Damage was found in the library file — by a statement, the full check after a crash or the daily
   * backup's check of its copy: writing has stopped (see AppInfo.libraryDamage).
   */
  'library:damaged': event<LibraryDamage>(),
  /** A desktop menu item or global shortcut asked the studio to do something. */
  'app:command': event<{ command: AppCommand }>(),
  'export:progress': event<ExportProgress>(),
  /** Bytes of a reference upload sent so far. */
  'reference:progress': event<ReferenceProgress>(),
  /** The hashing of images saved before duplicates were found, after each step; null once every image is hashed. */
  'library:hashing': event<HashingProgress | null>(),
} satisfies Declared<EventName>;

/** What a caller may pass (before the schema's defaults and transforms). */
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends ChannelName> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = (typeof channels)[C]['output'];
export type EventPayload<E extends EventName> = (typeof events)[E];

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
