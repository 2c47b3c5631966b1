/** The library's public face: the rest of the core imports from here. */
export * from './database.ts';
export * from './migrations.ts';
export * from './generations.ts';
export * from './images.ts';
export * from './search.ts';
export * from './stats.ts';
export * from './totals.ts';
export * from './threads.ts';
export * from './backup.ts';
export * from './lock.ts';
export * from './health.ts';
export * from './export-list.ts';
