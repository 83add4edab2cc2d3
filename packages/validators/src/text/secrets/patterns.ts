/**
 * Known credential formats. Each entry is a linear-time pattern (bounded repetitions, look-behind
 * anchors) with the kind it reports and a base score. Sources for the formats: the providers' own
 * documentation of their token prefixes (GitHub `ghp_`/`github_pat_`, GitLab `glpat-`, Slack `xox?-`,
 * Stripe `sk_live_`, OpenAI `sk-...T3BlbkFJ`, Anthropic `sk-ant-`, Google `AIza`, AWS `AKIA`/`ASIA`,
 * DigitalOcean `dop_v1_`, Shopify `shpat_`, Groq `gsk_`, xAI `xai-`, PyPI `pypi-`, Telegram `<bot id>:AA`...).
 */

import { PROVIDER_PATTERNS } from './patterns-providers';

/** One known secret format. */
export interface SecretPattern {
  /** Kind reported in findings (`AWS_ACCESS_KEY_ID`, `GITHUB_TOKEN`...). */
  kind: string;
  /** Global regex; when it has a group named `secret`, the span is that group. */
  re: RegExp;
  /** Base score. */
  score: number;
  /** Longest match in UTF-16 units. */
  maxLength: number;
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
// `d` (match indices) gives the exact span of the `secret` group.
const re = (source: string, flags = 'g') => new RegExp(source, source.includes('(?<secret>') ? `${flags}d` : flags);

/** The built-in secret formats. */
export const SECRET_PATTERNS: readonly SecretPattern[] = /* @__PURE__ */ Object.freeze([
  {
    kind: 'AWS_ACCESS_KEY_ID',
    re: re(`${B}(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[A-Z2-7]{16}${E}`),
    score: 0.95,
    maxLength: 20,
  },
  {
    kind: 'AWS_SECRET_ACCESS_KEY',
    re: re(
      `(?:aws.{0,20}(?:secret|private).{0,20}?|secret_?access_?key.{0,5}?)['"\\s:=]{1,6}(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
    score: 0.9,
    maxLength: 100,
  },
  { kind: 'GITHUB_TOKEN', re: re(`${B}gh[pousr]_[A-Za-z0-9]{36,251}${E}`), score: 0.95, maxLength: 255 },
  { kind: 'GITHUB_TOKEN', re: re(`${B}github_pat_[A-Za-z0-9_]{82}${E}`), score: 0.95, maxLength: 93 },
  {
    kind: 'GITLAB_TOKEN',
    re: re(`${B}gl(?:pat|dt|rt|ptt|cbt|oas|soat|ft|imt|agent|ffct)-[A-Za-z0-9_-]{20,64}${E}`),
    score: 0.95,
    maxLength: 74,
  },
  {
    kind: 'SLACK_TOKEN',
    re: re(`${B}xox[abposr]-(?:\\d{1,13}-){0,3}[A-Za-z0-9-]{10,250}${E}`),
    score: 0.95,
    maxLength: 300,
  },
  {
    kind: 'SLACK_WEBHOOK',
    re: re('(?:https://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,120}'),
    score: 0.95,
    maxLength: 160,
  },
  { kind: 'STRIPE_KEY', re: re(`${B}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}${E}`), score: 0.95, maxLength: 256 },
  { kind: 'STRIPE_WEBHOOK_SECRET', re: re(`${B}whsec_[A-Za-z0-9]{32,64}${E}`), score: 0.9, maxLength: 70 },
  {
    kind: 'OPENAI_API_KEY',
    re: re(`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}${E}`),
    score: 0.98,
    maxLength: 420,
  },
  { kind: 'OPENAI_API_KEY', re: re(`${B}sk-(?:proj-)?[A-Za-z0-9]{48}${E}`), score: 0.8, maxLength: 56 },
  {
    kind: 'ANTHROPIC_API_KEY',
    re: re(`${B}sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,120}${E}`),
    score: 0.98,
    maxLength: 140,
  },
  { kind: 'GOOGLE_API_KEY', re: re(`${B}AIza[0-9A-Za-z_-]{35}${E}`), score: 0.95, maxLength: 39 },
  { kind: 'GOOGLE_OAUTH_SECRET', re: re(`${B}GOCSPX-[A-Za-z0-9_-]{28}${E}`), score: 0.95, maxLength: 35 },
  { kind: 'HUGGINGFACE_TOKEN', re: re(`${B}hf_[A-Za-z0-9]{34,40}${E}`), score: 0.9, maxLength: 43 },
  { kind: 'NPM_TOKEN', re: re(`${B}npm_[A-Za-z0-9]{36}${E}`), score: 0.95, maxLength: 40 },
  {
    kind: 'SENDGRID_API_KEY',
    re: re(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`),
    score: 0.95,
    maxLength: 69,
  },
  { kind: 'TWILIO_API_KEY', re: re(`${B}SK[0-9a-f]{32}${E}`), score: 0.6, maxLength: 34 },
  { kind: 'AZURE_STORAGE_KEY', re: re('AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)'), score: 0.95, maxLength: 99 },
  // Formats added 2026-11-30, as the providers document their prefixes (and as gitleaks' rules write them).
  { kind: 'DIGITALOCEAN_TOKEN', re: re(`${B}do[por]_v1_[a-f0-9]{64}${E}`), score: 0.95, maxLength: 71 },
  { kind: 'SHOPIFY_TOKEN', re: re(`${B}shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${E}`), score: 0.95, maxLength: 38 },
  { kind: 'GROQ_API_KEY', re: re(`${B}gsk_[A-Za-z0-9]{52}${E}`), score: 0.95, maxLength: 56 },
  { kind: 'XAI_API_KEY', re: re(`${B}xai-[A-Za-z0-9]{80}${E}`), score: 0.95, maxLength: 84 },
  { kind: 'OPENROUTER_API_KEY', re: re(`${B}sk-or-v1-[a-f0-9]{64}${E}`), score: 0.95, maxLength: 73 },
  { kind: 'PERPLEXITY_API_KEY', re: re(`${B}pplx-[A-Za-z0-9]{48}${E}`), score: 0.95, maxLength: 53 },
  { kind: 'REPLICATE_API_TOKEN', re: re(`${B}r8_[A-Za-z0-9]{37}${E}`), score: 0.9, maxLength: 40 },
  { kind: 'PYPI_TOKEN', re: re(`${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}${E}`), score: 0.95, maxLength: 1019 },
  {
    kind: 'SQUARE_TOKEN',
    re: re(`${B}sq0(?:atp-[A-Za-z0-9_-]{22}|csp-[A-Za-z0-9_-]{43})${E}`),
    score: 0.95,
    maxLength: 50,
  },
  { kind: 'DATABRICKS_TOKEN', re: re(`${B}dapi[a-f0-9]{32}(?:-\\d)?${E}`), score: 0.9, maxLength: 38 },
  { kind: 'POSTMAN_API_KEY', re: re(`${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${E}`), score: 0.95, maxLength: 64 },
  { kind: 'LINEAR_API_KEY', re: re(`${B}lin_api_[A-Za-z0-9]{40}${E}`), score: 0.95, maxLength: 48 },
  { kind: 'NOTION_TOKEN', re: re(`${B}ntn_\\d{11}[A-Za-z0-9]{35}${E}`), score: 0.9, maxLength: 50 },
  { kind: 'NOTION_TOKEN', re: re(`${B}secret_[A-Za-z0-9]{43}${E}`), score: 0.9, maxLength: 50 },
  { kind: 'SUPABASE_TOKEN', re: re(`${B}sbp_[a-f0-9]{40}${E}`), score: 0.95, maxLength: 44 },
  { kind: 'MAILGUN_API_KEY', re: re(`${B}key-[a-f0-9]{32}${E}`), score: 0.8, maxLength: 36 },
  { kind: 'TELEGRAM_BOT_TOKEN', re: re(`${B}\\d{8,10}:AA[A-Za-z0-9_-]{33}${E}`), score: 0.9, maxLength: 46 },
  {
    kind: 'DOPPLER_TOKEN',
    re: re(`${B}dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}${E}`),
    score: 0.95,
    maxLength: 54,
  },
  { kind: 'ATLASSIAN_API_TOKEN', re: re(`${B}ATATT3[A-Za-z0-9_=-]{186}${E}`), score: 0.95, maxLength: 192 },
  ...PROVIDER_PATTERNS,
  {
    kind: 'JWT',
    re: re(`${B}eyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,8192}\\.[A-Za-z0-9_-]{0,1024}${E}`),
    score: 0.9,
    maxLength: 13_320,
  },
  {
    kind: 'CONNECTION_STRING',
    re: re(
      '\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z]{2,12}|ftp|sftp|smtp|ldap)://[^\\s:@/]{0,256}:(?<secret>[^\\s@/]{1,256})@[^\\s/?#]{1,256}',
      'gi',
    ),
    score: 0.9,
    maxLength: 800,
  },
  {
    kind: 'PASSWORD_ASSIGNMENT',
    re: re(
      `(?<![A-Za-z0-9])(?:password|passwd|pwd|pass|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key)["']?\\s{0,3}[:=]{1,2}\\s{0,3}["']?(?<secret>[^\\s"',;]{6,200})`,
      'gi',
    ),
    score: 0.7,
    maxLength: 240,
  },
]);

/**
 * PuTTY private key file header (`.ppk`, versions 1-3); the key runs to the end of the MAC on its
 * `Private-MAC:` line (found by indexOf, once per position: linear).
 */
export const PPK_BEGIN_RE: RegExp = /PuTTY-User-Key-File-[1-3]: /g;

/** PEM private key header; the block runs to the matching END line (found by indexOf, linear). */
export const PEM_BEGIN_RE: RegExp =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
