/** Placeholder. */
export const PACKAGE = 'protocol';
