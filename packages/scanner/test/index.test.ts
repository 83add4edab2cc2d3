import { packageName } from '@modelsec/scanner';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/scanner');
});
