import * as validators from '@modelsec/validators';
import { expect, test } from 'vitest';

test('the package root exports the numeric-input and the text APIs', () => {
  expect(typeof validators.validateInput).toBe('function');
  expect(typeof validators.checkInput).toBe('function');
  expect(typeof validators.fitInputProfile).toBe('function');
  expect(typeof validators.createSqueezeDetector).toBe('function');
  expect(typeof validators.piiRule).toBe('function');
});
