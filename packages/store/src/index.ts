/** Placeholder. */
export const PACKAGE = 'store';
