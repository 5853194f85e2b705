/** Placeholder. */
export const PACKAGE = 'history';
