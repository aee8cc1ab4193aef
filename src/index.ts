/**
 * sppnet-web public library API (ARCHITECTURE.md). These names are stable: tests and external
 * checks import them.
 */
export * from './geometry';
export * from './spp';
export * from './model';
