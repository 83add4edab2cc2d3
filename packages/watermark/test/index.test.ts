import { packageName } from '@modelsec/watermark';
import { expect, test } from 'vitest';

test('exports its package name', () => {
  expect(packageName).toBe('@modelsec/watermark');
});
