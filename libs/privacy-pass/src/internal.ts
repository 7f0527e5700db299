/**
 * Marker for constructing wire structs from values this library just produced
 * (noble outputs), so they are not re-validated on the hot path. Not exported
 * from index.ts: anything from outside goes through full validation.
 */
export const TRUSTED: unique symbol = Symbol('privacy-pass.trusted');
export type Trusted = typeof TRUSTED;
