/** Placeholder. */
export const PACKAGE = 'cli';
