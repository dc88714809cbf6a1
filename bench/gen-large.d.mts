// The types of gen-large.mjs's exports that TypeScript code (the tests) uses.
export interface GenerateOptions {
  readonly samples?: number;
  readonly functions?: number;
  readonly kind?: 'cpu' | 'heap';
  readonly seed?: number;
  readonly stackseed?: number;
}
/** The raw (not gzipped) bytes of the profile. */
export function generate(opts?: GenerateOptions): Uint8Array;
