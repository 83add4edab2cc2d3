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
  { run: 20, literal: 'hooks.slack.com' },
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
  // PROVIDER_PATTERNS (patterns-providers.ts), shortest match counted as above; a literal every match has.
  { run: 39, literal: 'A3-' },
  { run: 257, literal: 'ops_eyJ' },
  { run: 74, literal: 'AGE-SECRET-KEY-1' },
  { run: 24, literal: 'LTAI' },
  { run: 36, literal: 'p8e-' },
  // "v1.0-": the period is no token unit; "0-" + 24 + "-" + 146.
  { run: 173, literal: 'v1.0-' },
  { run: 55, literal: 'duffel_' },
  { run: 64, literal: 'dt0c01.' },
  { run: 70, literal: 'fio-u-' },
  { run: 36, literal: 'glc_' },
  { run: 46, literal: 'glsa_' },
  // "pat." and "sat." both have "at."; the longest part, 24.
  { run: 24, literal: 'at.' },
  { run: 60, literal: '.atlasv1.' },
  { run: 90, literal: 'hv' },
  { run: 42, literal: 'api_org_' },
  { run: 53, literal: 'sk.eyJ' },
  // NRJS- + 19, the shortest of the three.
  { run: 24, literal: 'NR' },
  // The body may hold periods: only the prefix "pscale_pw_" is sure to be one run.
  { run: 10, literal: 'pscale_' },
  { run: 40, literal: 'pnu_' },
  { run: 44, literal: 'pul-' },
  { run: 75, literal: 'rdme_' },
  { run: 57, literal: 'rubygems_' },
  { run: 54, literal: 'tk-us-' },
  { run: 89, literal: 'sib-' },
  { run: 71, literal: 'sntryu_' },
  { run: 104, literal: 'sntrys_eyJ' },
  { run: 23, literal: 'sm_' },
  { run: 52, literal: 'shippo_' },
  { run: 73, literal: 's-s4t2' },
  // "xoxe-1-" + 146; the access form's run after its period is longer.
  { run: 153, literal: 'xoxe' },
  { run: 113, literal: 'ABSK' },
  // The body may hold "%": the prefix, 16 + 28 units.
  { run: 44, literal: 'bedrock-api-key-' },
  { run: 47, literal: 'fo1_' },
  { run: 104, literal: 'fm' },
  { run: 44, literal: 'sgp_' },
  { run: 30, literal: 'API-' },
  // "~" and "." are no token units: a match may have a run of 2 ("1Q") only.
  { literal: 'Q~' },
  { run: 58, literal: 'EZ' },
  { run: 104, literal: 'EAA' },
  { run: 68, literal: 'CLOJARS_' },
  { run: 43, literal: 'sha256~' },
  { run: 73, literal: 'AKCp' },
  { run: 64, literal: 'cmVmd' },
  { run: 36, literal: 'dckr_' },
  { run: 30, literal: 'ya29.' },
  // "/" is a token unit: the part after "@" is one run, 36 + 17 + 32 + 1 + 36; "com/api/webhooks/" + 17 +
  // "/" + 60.
  { run: 122, literal: '.webhook.office.com/webhookb2/' },
  { run: 95, literal: 'discord' },
  { run: 48, literal: '_gitlab_session=' },
  // "http" (any case: the pattern has the i flag) is a run of 4.
  { run: 4, literal: '://' },
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
 * @internal The literal of each gate ('' for none) and whether it needs `assignment` (1), in the order of
 * `SECRET_PATTERNS`: `detectSecrets` reads these arrays instead of the gate objects (`gateOpen` is their
 * definition; a test holds them equal).
 */
export const GATE_LITERALS: readonly string[] = /* @__PURE__ */ GATES.map((g) => g.literal ?? '');
/** @internal See `GATE_LITERALS`. */
export const GATE_ASSIGNMENT: Uint8Array = /* @__PURE__ */ Uint8Array.from(GATES, (g) => (g.assignment ? 1 : 0));

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
 * Units before a `:` or `=` searched for a credential word. PASSWORD_ASSIGNMENT: its longest keyword
 * ("client_secret", 13 units), a quote and three white-space units. SECRET_ASSIGNMENT (assignments.ts):
 * the first `:` or `=` of its sign is at most 14 units after the credential word (a quote, a type of up
 * to 9 units such as "   String", three spaces, the "?" of "?="), and the cue in the word is at most 10
 * units before the word's end ("pass" of "passphrase", "cred" of "credentials"): 24.
 */
const CUE_WINDOW = 32;

/**
 * A credential word among the `CUE_WINDOW` units before `i`: every keyword of PASSWORD_ASSIGNMENT
 * ("password", "passwd", "pwd", "pass", "secret", "api_key", "apikey", "access_token", "auth_token",
 * "client_secret", "private_key") and every credential word of SECRET_ASSIGNMENT (`CREDENTIAL_WORD_RE`)
 * contains "pass", "pwd", "secret", "key", "token" or "cred", and their `i` flag folds only ASCII letters
 * (no `u` flag), which `toLowerCase` folds too.
 */
function assignmentCue(text: string, i: number): boolean {
  const w = text.slice(Math.max(0, i - CUE_WINDOW), i).toLowerCase();
  return (
    w.includes('pass') ||
    w.includes('pwd') ||
    w.includes('secret') ||
    w.includes('key') ||
    w.includes('token') ||
    w.includes('cred')
  );
}

/**
 * Whether SECRET_ASSIGNMENT (assignments.ts) can have a value in `text`: each of its shapes has a sign
 * that `facts.assignment` finds (a `:` or `=` with the credential word in `CUE_WINDOW`), an XML element
 * (`>` after the name) or a quoted name and a comma (`",` or `',`).
 * @internal
 *
 * @example
 * ```ts
 * assignmentGateOpen('hello world', secretFacts('hello world')); // false
 * ```
 */
export function assignmentGateOpen(text: string, facts: SecretFacts): boolean {
  return facts.assignment || text.includes('>') || text.includes('",') || text.includes("',");
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
