/** Placeholder. */
export const PACKAGE = 'crypto';
