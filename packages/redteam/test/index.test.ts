import { packageName } from '@modelsec/redteam';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/redteam');
});
