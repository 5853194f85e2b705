/** Placeholder. */
export const PACKAGE = 'relay';
