import { packageName } from '@modelsec/endpoint';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/endpoint');
});
