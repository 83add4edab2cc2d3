import { packageName } from '@modelsec/validators';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/validators');
});
