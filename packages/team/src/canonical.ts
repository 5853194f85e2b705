/** A JSON value as entries carry it. */
export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export { canonicalJson } from '@trail/model';
