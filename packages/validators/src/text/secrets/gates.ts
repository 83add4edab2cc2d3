/**
 * Necessary conditions of the built-in secret formats (`SECRET_PATTERNS`), read from the text once, so
 * that `detectSecrets` runs a pattern only over texts where it can match. Most texts (prose, chat,
 * mail) have no word of 15 token characters: every token format is then skipped, and the scan costs
 * one walk over the text instead of one regex pass per format. Each gate is a property of every match
 * of its pattern (why, next to it), so skipping a pattern the gate refuses leaves the findings unchanged
 * (test/text/secrets-gates.test.ts checks each gate against the pattern's shortest match and compares
 * gated and ungated scans).
 */

/** What a pattern needs of a text; every field given must hold. */
export interface SecretGate {
  /** A run of at least this many token units (`[A-Za-z0-9+/=_-]`, `TOKEN_UNIT`). */
  run?: number;
  /** This literal (case-sensitive) somewhere in the text. */
  literal?: string;
  /** A `:` or `=` with a credential word among the units just before it (`assignmentCue`). */
  assignment?: boolean;
}

/** What `secretFacts` reads from a text. */
export interface SecretFacts {
  /** Longest run of token units. */
  run: number;
  /** A `:` or `=` follows a credential word (see `assignmentCue`). */
  assignment: boolean;
}

/** `[A-Za-z0-9+/=_-]`: the units of every token format's body (base64, URL-safe base64, padding). */
const TOKEN_UNIT: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') t[c.charCodeAt(0)] = 1;
  return t;
})();

/**
 * The gates of `SECRET_PATTERNS`, in its order. The run lengths are each format's shortest match
 * counted in token units only (its prefix and body; look-arounds are not part of a match):
 * - AWS key id: 4-letter prefix + 16 = 20; AWS secret key: 40 of `[A-Za-z0-9/+]`;
 * - GitHub `gh?_` + 36 = 40, `github_pat_` + 82 = 93; GitLab `gl` + 2-5 letters + `-` + 20 ≥ 25;
 * - Slack `xox?-` + 10 = 15 (the digit groups are optional); the Slack webhook's last part, 20;
 * - Stripe `sk_live_` + 16 = 24; `whsec_` + 32 = 38;
 * - OpenAI `sk-` + 16 + `T3BlbkFJ` + 16 = 43, `sk-` + 48 = 51; Anthropic `sk-ant-api03-` + 80 = 93;
 * - Google `AIza` + 35 = 39, `GOCSPX-` + 28 = 35; Hugging Face `hf_` + 34 = 37; npm `npm_` + 36 = 40;
 * - SendGrid: its last part, 43; Twilio `SK` + 32 = 34; Azure `AccountKey=` + 86 + `==` = 99;
 * - DigitalOcean `dop_v1_` + 64 = 71; Shopify `shpat_` + 32 = 38; Groq `gsk_` + 52 = 56; xAI `xai-` + 80 =
 *   84; OpenRouter `sk-or-v1-` + 64 = 73; Perplexity `pplx-` + 48 = 53; Replicate `r8_` + 37 = 40; PyPI
 *   `pypi-AgEIcHlwaS5vcmc` + 50 = 70; Square `sq0atp-` + 22 = 29; Databricks `dapi` + 32 = 36; Postman
 *   `PMAK-` + 24 + `-` + 34 = 64; Linear `lin_api_` + 40 = 48; Notion `ntn_` + 11 + 35 or `secret_` + 43 =
 *   50; Supabase `sbp_` + 40 = 44; Mailgun `key-` + 32 = 36; Telegram: `AA` + 33 = 35 after the colon (not
 *   a token unit); Doppler: the part after its last period, 40; Atlassian `ATATT3` + 186 = 192; each of
 *   these also needs its prefix (case-sensitive, as the patterns are): `_v1_`, `shp`, `gsk_`… (`:AA` for
 *   Telegram, `dp.` for Doppler), so that a text with a long token run (a URL, an IBAN) runs none of
 *   them without it (without the literals they cost detectSecrets about a fifth more on the Presidio texts);
 * - a JWT starts with `eyJ`; a connection string has `://`; a password assignment needs `assignment`.
 */
const GATES: readonly SecretGate[] = [
  { run: 20 },
  { run: 40 },
  { run: 40 },
  { run: 93 },
  { run: 25 },
  { run: 15 },
  { run: 20, literal: '://' },
  { run: 24 },
  { run: 38 },
  { run: 43 },
  { run: 51 },
  { run: 93 },
  { run: 39 },
  { run: 35 },
  { run: 37 },
  { run: 40 },
  { run: 43 },
  { run: 34 },
  { run: 99 },
  { run: 71, literal: '_v1_' },
  { run: 38, literal: 'shp' },
  { run: 56, literal: 'gsk_' },
  { run: 84, literal: 'xai-' },
  { run: 73, literal: 'sk-or-v1-' },
  { run: 53, literal: 'pplx-' },
  { run: 40, literal: 'r8_' },
  { run: 70, literal: 'pypi-AgEIcHlwaS5vcmc' },
  { run: 29, literal: 'sq0' },
  { run: 36, literal: 'dapi' },
  { run: 64, literal: 'PMAK-' },
  { run: 48, literal: 'lin_api_' },
  { run: 50, literal: 'ntn_' },
  { run: 50, literal: 'secret_' },
  { run: 44, literal: 'sbp_' },
  { run: 36, literal: 'key-' },
  { run: 35, literal: ':AA' },
  { run: 40, literal: 'dp.' },
  { run: 192, literal: 'ATATT3' },
  { literal: 'eyJ' },
  { literal: '://' },
  { assignment: true },
];

/** @internal The gates in the order of `SECRET_PATTERNS`. */
export const SECRET_GATES: readonly SecretGate[] = GATES;

/**
 * @internal The shortest token run of each gate (0: none needed), in the order of `SECRET_PATTERNS`: one
 * typed-array read decides most gates (most texts have no long run), without touching the gate objects,
 * whose different shapes make their property reads slow.
 */
export const GATE_RUNS: Int32Array = /* @__PURE__ */ Int32Array.from(GATES, (g) => g.run ?? 0);

/**
 * Read the facts the gates need in one walk over `text`.
 * @internal
 *
 * @example
 * ```ts
 * secretFacts('password: hunter22').assignment; // true
 * ```
 */
export function secretFacts(text: string): SecretFacts {
  let run = 0;
  let cur = 0;
  let assignment = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && TOKEN_UNIT[c] === 1) {
      if (++cur > run) run = cur;
      // "=" is a token unit and an assignment sign.
      if (c === 61 && !assignment) assignment = assignmentCue(text, i);
      continue;
    }
    cur = 0;
    if (c === 58 && !assignment) assignment = assignmentCue(text, i);
  }
  return { run, assignment };
}

/**
 * Units before a `:` or `=` searched for a credential word: PASSWORD_ASSIGNMENT's longest keyword
 * ("client_secret", 13 units), a quote and three white-space units.
 */
const CUE_WINDOW = 20;

/**
 * A credential word among the `CUE_WINDOW` units before `i`: every keyword of PASSWORD_ASSIGNMENT
 * ("password", "passwd", "pwd", "pass", "secret", "api_key", "apikey", "access_token", "auth_token",
 * "client_secret", "private_key") contains "pass", "pwd", "secret", "key" or "token", and its `i` flag
 * folds only ASCII letters (no `u` flag), which `toLowerCase` folds too.
 */
function assignmentCue(text: string, i: number): boolean {
  const w = text.slice(Math.max(0, i - CUE_WINDOW), i).toLowerCase();
  return w.includes('pass') || w.includes('pwd') || w.includes('secret') || w.includes('key') || w.includes('token');
}

/**
 * Whether `gate` lets its pattern run on a text with `facts`.
 * @internal
 *
 * @example
 * ```ts
 * gateOpen({ run: 20 }, secretFacts('hello'), 'hello'); // false
 * ```
 */
export function gateOpen(gate: SecretGate, facts: SecretFacts, text: string): boolean {
  if (gate.run !== undefined && facts.run < gate.run) return false;
  if (gate.assignment === true && !facts.assignment) return false;
  return gate.literal === undefined || text.includes(gate.literal);
}
