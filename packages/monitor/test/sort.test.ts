import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sortFloat64 } from '../src/stats/sort';

test('radix sort orders finite doubles exactly like TypedArray.prototype.sort', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: false }), { minLength: 1024, maxLength: 3000 }),
      (xs) => {
        const a = Float64Array.from(xs);
        const expected = Float64Array.from(xs).sort();
        expect(Array.from(sortFloat64(a), (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
          Array.from(expected, (v) => (Object.is(v, -0) ? '-0' : v)),
        );
      },
    ),
    { numRuns: 30 },
  );
  const sub = new Float64Array(5000).map((_, i) => Math.sin(i) * 1e3);
  const view = sub.subarray(1000, 4000);
  const copy = view.slice().sort();
  sortFloat64(view);
  expect(view).toEqual(copy);
});
