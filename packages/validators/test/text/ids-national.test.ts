// The opt-in national identifiers together (src/text/pii/ids-national.ts): with the built-ins they find
// every valid reference number of each entity in one text, and on the Presidio texts they change
// nothing the built-ins report.
import {
  BUILTIN_RECOGNIZERS,
  detectPII,
  NATIONAL_ID_ENTITIES,
  NATIONAL_ID_RECOGNIZERS,
  PII_ENTITIES,
  redactPII,
} from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import auSg from '../vectors/ids-national-au-sg.json';
import eu from '../vectors/ids-national-eu.json';
import india from '../vectors/ids-national-in.json';
import inKrUs from '../vectors/ids-national-in-kr-us.json';
import th from '../vectors/ids-national-th.json';

const ALL = [...BUILTIN_RECOGNIZERS, ...NATIONAL_ID_RECOGNIZERS];
type Sets = { source: string; valid?: string[]; invalid?: string[] }[];
const VECTORS = { ...eu, ...auSg, ...th, ...india, ...inKrUs } as unknown as Record<string, Sets | unknown>;

/** The first valid reference value of each entity that scores 0.5 on its own after its context word. */
const CONTEXT: Record<string, string> = {
  ES_NIF: 'DNI',
  ES_NIE: 'NIE',
  IT_FISCAL_CODE: 'codice fiscale',
  IT_VAT_CODE: 'partita IVA',
  IT_PASSPORT: 'passaporto',
  IT_IDENTITY_CARD: "carta d'identità",
  IT_DRIVER_LICENSE: 'patente',
  PL_PESEL: 'PESEL',
  FI_PERSONAL_IDENTITY_CODE: 'henkilötunnus',
  UK_NINO: 'national insurance number',
  AU_ABN: 'ABN',
  AU_ACN: 'ACN',
  AU_TFN: 'TFN',
  AU_MEDICARE: 'Medicare',
  SG_NRIC_FIN: 'NRIC',
  SG_UEN: 'UEN',
  TH_TNIN: 'TNIN',
  IN_VOTER: 'EPIC',
  IN_PASSPORT: 'passport',
  IN_VEHICLE_REGISTRATION: 'vehicle registration',
  IN_GSTIN: 'GSTIN',
  IN_AADHAAR: 'Aadhaar',
  IN_PAN: 'PAN',
  KR_RRN: 'RRN',
  US_ITIN: 'ITIN',
  MEDICAL_LICENSE: 'DEA',
};

describe('national identifiers (opt-in)', () => {
  test('twenty-six entities, none of them a built-in one, each with reference vectors', () => {
    expect([...NATIONAL_ID_ENTITIES].sort()).toEqual(Object.keys(CONTEXT).sort());
    expect(NATIONAL_ID_ENTITIES.length).toBe(26);
    for (const e of NATIONAL_ID_ENTITIES) {
      expect(PII_ENTITIES as readonly string[]).not.toContain(e);
      const sets = VECTORS[e] as Sets;
      expect(sets.some((s) => (s.valid?.length ?? 0) > 0)).toBe(true);
    }
    expect(NATIONAL_ID_RECOGNIZERS.every((r) => r.entities.length === 1)).toBe(true);
    expect(Object.isFrozen(NATIONAL_ID_RECOGNIZERS)).toBe(true);
  });

  test('one text with a valid number of every entity: each found, with the built-ins, and redacted', () => {
    const parts: { entity: string; value: string }[] = [];
    for (const entity of NATIONAL_ID_ENTITIES) {
      const sets = VECTORS[entity] as Sets;
      const value = sets
        .flatMap((s) => s.valid ?? [])
        .find((v) => {
          const t = `${CONTEXT[entity]}: ${v}.`;
          return detectPII(t, { recognizers: ALL }).some((f) => f.entity === entity && t.slice(f.start, f.end) === v);
        });
      expect(value, entity).toBeDefined();
      parts.push({ entity, value: value as string });
    }
    const text = parts.map((p) => `My ${CONTEXT[p.entity]} is ${p.value}.`).join('\n');
    const found = detectPII(text, { recognizers: ALL });
    for (const p of parts) {
      expect(
        found.some((f) => f.entity === p.entity && text.slice(f.start, f.end) === p.value),
        p.entity,
      ).toBe(true);
    }
    // Without them, the built-ins report none of these entities.
    for (const f of detectPII(text)) expect(NATIONAL_ID_ENTITIES).not.toContain(f.entity);
    const redacted = redactPII(text, { mode: 'placeholder', recognizers: ALL }).text;
    for (const p of parts) expect(redacted).not.toContain(p.value);
  });

  test('an ITIN is no SSN: with the national recognizers, an SSN-shaped ITIN is reported as US_ITIN', () => {
    const text = 'SSN 512-70-3456, ITIN 912-70-3456';
    expect(detectPII(text, { recognizers: ALL }).map((f) => [f.entity, text.slice(f.start, f.end)])).toEqual([
      ['US_SSN', '512-70-3456'],
      ['US_ITIN', '912-70-3456'],
    ]);
  });

  test('on the 2,109 Presidio texts the built-ins report the same with the national recognizers added', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    let differing = 0;
    for (const r of records) {
      const plain = detectPII(r.full_text);
      const withIds = detectPII(r.full_text, { recognizers: ALL });
      if (JSON.stringify(plain) !== JSON.stringify(withIds)) differing++;
    }
    expect(differing).toBe(0);
  });
});
