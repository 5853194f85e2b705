/** Placeholder. */
export const PACKAGE = 'capture';
