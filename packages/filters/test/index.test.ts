import { packageName } from '@modelsec/filters';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/filters');
});
