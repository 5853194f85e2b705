/** Placeholder. */
export const PACKAGE = 'sync';
