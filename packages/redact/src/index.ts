/** Placeholder. */
export const PACKAGE = 'redact';
