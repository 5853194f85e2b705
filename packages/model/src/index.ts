/** Placeholder. */
export const PACKAGE = 'model';
