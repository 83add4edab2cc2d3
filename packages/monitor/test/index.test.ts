import { packageName } from '@modelsec/monitor';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/monitor');
});
