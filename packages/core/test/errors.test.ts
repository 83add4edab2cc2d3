import {
  AccessError,
  ConfigError,
  ERROR_CODES,
  errorForCode,
  IntegrityError,
  isModelSecError,
  kindOfCode,
  ModelSecError,
  ModelSecRangeError,
  ModelSecTypeError,
  SecurityError,
  ValidationError,
} from '@modelsec/core';
import { describe, expect, test } from 'vitest';

describe('ModelSecError', () => {
  test('carries the Symbol.for marker, code and kind', () => {
    const e = new IntegrityError('signature_invalid', 'signature does not verify');
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for('modelsec.error')]).toBe(true);
    expect(e.code).toBe('signature_invalid');
    expect(e.kind).toBe('integrity');
    expect(e.name).toBe('IntegrityError');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(ModelSecError);
  });

  test('isInstance works across copies (no instanceof needed) and filters by kind', () => {
    // A structurally identical error made by "another copy" of the package: only the marker is shared.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('modelsec.error')]: true,
      code: 'rate_limited',
      kind: 'access',
    });
    expect(ModelSecError.isInstance(foreign)).toBe(true);
    expect(AccessError.isInstance(foreign)).toBe(true);
    expect(ValidationError.isInstance(foreign)).toBe(false);
    expect(ModelSecError.isInstance(new Error('plain'))).toBe(false);
    expect(ModelSecError.isInstance(null)).toBe(false);
    expect(ModelSecError.isInstance({ code: 'x' })).toBe(false);
  });

  test('each subclass matches its own kind only', () => {
    const all = [
      new ValidationError('out_of_range', 'm'),
      new SecurityError('prompt_injection', 'm'),
      new IntegrityError('digest_mismatch', 'm'),
      new AccessError('forbidden', 'm'),
      new ConfigError('invalid_config', 'm'),
    ];
    const classes = [ValidationError, SecurityError, IntegrityError, AccessError, ConfigError];
    all.forEach((e, i) => {
      classes.forEach((C, j) => {
        expect(C.isInstance(e)).toBe(i === j);
      });
    });
  });

  test('cause is kept but hidden from JSON and enumeration', () => {
    const secret = new Error('token=abc.def.ghi');
    const e = new AccessError('token_invalid', 'token signature does not verify', { cause: secret });
    expect(e.cause).toBe(secret);
    expect(Object.keys(e)).not.toContain('cause');
    const json = JSON.stringify(e);
    expect(json).not.toContain('abc.def.ghi');
    expect(JSON.parse(json)).toEqual({
      name: 'AccessError',
      code: 'token_invalid',
      kind: 'access',
      message: 'token signature does not verify',
    });
  });

  test('ModelSecTypeError / RangeError are real TypeError / RangeError and config errors', () => {
    const t = new ModelSecTypeError('"key" expected Uint8Array, got string(length=3)');
    const r = new ModelSecRangeError('"bits" expected integer in [1, 64], got 0');
    expect(t).toBeInstanceOf(TypeError);
    expect(r).toBeInstanceOf(RangeError);
    expect(t.name).toBe('TypeError');
    expect(ConfigError.isInstance(t)).toBe(true);
    expect(ConfigError.isInstance(r)).toBe(true);
    expect(SecurityError.isInstance(r)).toBe(false);
    expect(isModelSecError(t) && t.code).toBe('invalid_argument');
  });

  test('every code maps to a kind, and errorForCode builds the right class', () => {
    const codes = Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[];
    expect(codes.length).toBeGreaterThan(40);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      const e = errorForCode(code, 'm');
      expect(e.code).toBe(code);
      expect(e.kind).toBe(ERROR_CODES[code]);
      expect(e.name.toLowerCase()).toBe(`${ERROR_CODES[code]}error`);
    }
    expect(kindOfCode('toString')).toBeUndefined();
    expect(kindOfCode('nope')).toBeUndefined();
  });
});
