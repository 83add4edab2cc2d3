import { packageName } from '@modelsec/redis';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/redis');
});
