/**
 * One table of wrong-typed values (after noble-hashes' TYPE_TEST), exercised against every public
 * function that takes bytes or strings: each must throw a labelled TypeError, never crash otherwise.
 */
export const NOT_BYTES: readonly unknown[] = [
  undefined,
  null,
  0,
  1.5,
  Number.NaN,
  'abc',
  true,
  [],
  [1, 2, 3],
  {},
  new Uint16Array(4),
  new Float32Array(2),
  new ArrayBuffer(4),
  new DataView(new ArrayBuffer(4)),
  () => 1,
  Symbol('s'),
  10n,
];

export const NOT_STRINGS: readonly unknown[] = [
  undefined,
  null,
  0,
  1.5,
  true,
  [],
  {},
  new Uint8Array(2),
  Symbol('s'),
  10n,
];
