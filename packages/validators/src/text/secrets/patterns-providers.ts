/**
 * More provider token formats, each with a prefix of its own (added 2026-12-02). The prefixes and
 * lengths are the providers' documented token shapes, as gitleaks' rules (MIT) also write them
 * (`cmd/generate/config/rules/*.go` at b58d3f1); the patterns here are written for this package: bounded
 * repetitions, the boundaries `B` and `E` of `patterns.ts`.
 */
import type { SecretPattern } from './patterns';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const re = (source: string, flags = 'g') => new RegExp(source, flags);

/**
 * The provider formats, in the order `SECRET_PATTERNS` runs them (after the formats of `patterns.ts`,
 * before JWTs). Their gates are listed in the same order in `gates.ts`.
 */
export const PROVIDER_PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'ONEPASSWORD_SECRET_KEY',
    re: re(`${B}A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})(?:-[A-Z0-9]{5}){3}${E}`),
    score: 0.9,
    maxLength: 40,
  },
  {
    kind: 'ONEPASSWORD_SERVICE_ACCOUNT_TOKEN',
    re: re(`${B}ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}${E}`),
    score: 0.95,
    maxLength: 2010,
  },
  {
    kind: 'AGE_SECRET_KEY',
    re: re('AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
    score: 0.99,
    maxLength: 74,
  },
  { kind: 'ALIBABA_ACCESS_KEY_ID', re: re(`${B}LTAI[A-Za-z0-9]{20}${E}`), score: 0.85, maxLength: 24 },
  { kind: 'ADOBE_CLIENT_SECRET', re: re(`${B}p8e-[A-Za-z0-9]{32}${E}`), score: 0.9, maxLength: 36 },
  {
    kind: 'CLOUDFLARE_ORIGIN_CA_KEY',
    re: re(`${B}v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${E}`),
    score: 0.95,
    maxLength: 176,
  },
  { kind: 'DUFFEL_TOKEN', re: re(`${B}duffel_(?:test|live)_[A-Za-z0-9_=-]{43}${E}`), score: 0.95, maxLength: 55 },
  { kind: 'DYNATRACE_TOKEN', re: re(`${B}dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}${E}`), score: 0.95, maxLength: 96 },
  { kind: 'FRAMEIO_TOKEN', re: re(`${B}fio-u-[A-Za-z0-9_=-]{64}${E}`), score: 0.95, maxLength: 70 },
  { kind: 'GRAFANA_TOKEN', re: re(`${B}glc_[A-Za-z0-9+/]{32,400}={0,3}${E}`), score: 0.9, maxLength: 407 },
  { kind: 'GRAFANA_TOKEN', re: re(`${B}glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${E}`), score: 0.95, maxLength: 46 },
  {
    kind: 'HARNESS_TOKEN',
    re: re(`${B}(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}${E}`),
    score: 0.9,
    maxLength: 72,
  },
  {
    kind: 'TERRAFORM_CLOUD_TOKEN',
    re: re(`${B}[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}${E}`),
    score: 0.95,
    maxLength: 93,
  },
  { kind: 'VAULT_TOKEN', re: re(`${B}hv[sbr]\\.[A-Za-z0-9_-]{90,300}${E}`), score: 0.9, maxLength: 304 },
  { kind: 'HUGGINGFACE_TOKEN', re: re(`${B}api_org_[A-Za-z]{34}${E}`), score: 0.9, maxLength: 42 },
  {
    kind: 'MAPBOX_SECRET_TOKEN',
    re: re(`${B}sk\\.eyJ[A-Za-z0-9_-]{50,300}\\.[A-Za-z0-9_-]{20,30}${E}`),
    score: 0.95,
    maxLength: 337,
  },
  {
    kind: 'NEW_RELIC_KEY',
    re: re(`${B}(?:NRAK-[A-Za-z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_-]{32})${E}`),
    score: 0.9,
    maxLength: 37,
  },
  {
    kind: 'PLANETSCALE_TOKEN',
    re: re(`${B}pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_=.-]{32,64}${E}`),
    score: 0.95,
    maxLength: 77,
  },
  { kind: 'PREFECT_TOKEN', re: re(`${B}pnu_[A-Za-z0-9]{36}${E}`), score: 0.9, maxLength: 40 },
  { kind: 'PULUMI_TOKEN', re: re(`${B}pul-[a-f0-9]{40}${E}`), score: 0.95, maxLength: 44 },
  { kind: 'README_TOKEN', re: re(`${B}rdme_[a-z0-9]{70}${E}`), score: 0.95, maxLength: 75 },
  { kind: 'RUBYGEMS_TOKEN', re: re(`${B}rubygems_[a-f0-9]{48}${E}`), score: 0.95, maxLength: 57 },
  { kind: 'SCALINGO_TOKEN', re: re(`${B}tk-us-[A-Za-z0-9_-]{48}${E}`), score: 0.9, maxLength: 54 },
  {
    kind: 'BREVO_API_KEY',
    re: re(`${B}x(?:key|smtp)sib-[a-f0-9]{64}-[A-Za-z0-9]{16}${E}`),
    score: 0.95,
    maxLength: 90,
  },
  { kind: 'SENTRY_TOKEN', re: re(`${B}sntryu_[a-f0-9]{64}${E}`), score: 0.95, maxLength: 71 },
  {
    kind: 'SENTRY_TOKEN',
    re: re(`${B}sntrys_eyJ[A-Za-z0-9+/]{50,600}={0,2}_[A-Za-z0-9+/]{43}${E}`),
    score: 0.95,
    maxLength: 656,
  },
  { kind: 'SETTLEMINT_TOKEN', re: re(`${B}sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}${E}`), score: 0.85, maxLength: 23 },
  { kind: 'SHIPPO_TOKEN', re: re(`${B}shippo_(?:live|test)_[a-fA-F0-9]{40}${E}`), score: 0.95, maxLength: 52 },
  { kind: 'INTRA42_CLIENT_SECRET', re: re(`${B}s-s4t2(?:ud|af)-[a-f0-9]{64}${E}`), score: 0.95, maxLength: 73 },
  {
    kind: 'SLACK_TOKEN',
    re: re(`${B}xoxe(?:\\.xox[bp])?-\\d-[A-Za-z0-9]{146,166}${E}`),
    score: 0.95,
    maxLength: 180,
  },
  { kind: 'AWS_BEDROCK_API_KEY', re: re(`${B}ABSK[A-Za-z0-9+/]{109,269}={0,2}${E}`), score: 0.9, maxLength: 275 },
  {
    kind: 'AWS_BEDROCK_API_KEY',
    re: re(`${B}bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]{0,2000}`),
    score: 0.95,
    maxLength: 2044,
  },
  { kind: 'FLYIO_TOKEN', re: re(`${B}fo1_[A-Za-z0-9_-]{43}${E}`), score: 0.9, maxLength: 47 },
  { kind: 'FLYIO_TOKEN', re: re(`${B}fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,2000}={0,3}${E}`), score: 0.9, maxLength: 2008 },
  {
    kind: 'SOURCEGRAPH_TOKEN',
    re: re(`${B}sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}${E}`),
    score: 0.95,
    maxLength: 61,
  },
  { kind: 'OCTOPUS_DEPLOY_API_KEY', re: re(`${B}API-[A-Z0-9]{26}${E}`), score: 0.85, maxLength: 30 },
  {
    kind: 'AZURE_AD_CLIENT_SECRET',
    re: re('(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])'),
    score: 0.9,
    maxLength: 40,
  },
  { kind: 'EASYPOST_API_KEY', re: re(`${B}EZ[AT]K[A-Za-z0-9]{54}${E}`), score: 0.95, maxLength: 58 },
  { kind: 'FACEBOOK_ACCESS_TOKEN', re: re(`${B}EAA[MC][A-Za-z0-9]{100,500}${E}`), score: 0.9, maxLength: 504 },
  { kind: 'CLOJARS_TOKEN', re: re(`${B}CLOJARS_[A-Za-z0-9]{60}${E}`), score: 0.95, maxLength: 68 },
  { kind: 'OPENSHIFT_TOKEN', re: re(`${B}sha256~[A-Za-z0-9_-]{43}${E}`), score: 0.9, maxLength: 50 },
  { kind: 'ARTIFACTORY_TOKEN', re: re(`${B}AKCp[A-Za-z0-9]{69}${E}`), score: 0.9, maxLength: 73 },
  { kind: 'ARTIFACTORY_TOKEN', re: re(`${B}cmVmd[A-Za-z0-9]{59}${E}`), score: 0.8, maxLength: 64 },
  { kind: 'DOCKER_HUB_TOKEN', re: re(`${B}dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64}${E}`), score: 0.95, maxLength: 73 },
  { kind: 'GOOGLE_OAUTH_TOKEN', re: re(`${B}ya29\\.[A-Za-z0-9_-]{30,2000}${E}`), score: 0.85, maxLength: 2005 },
  {
    kind: 'TEAMS_WEBHOOK',
    re: re(
      'https://[a-z0-9-]{1,64}\\.webhook\\.office\\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}',
    ),
    score: 0.95,
    maxLength: 260,
  },
  {
    kind: 'DISCORD_WEBHOOK',
    re: re('https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}', 'g'),
    score: 0.95,
    maxLength: 140,
  },
  { kind: 'GITLAB_SESSION_COOKIE', re: re(`${B}_gitlab_session=[0-9a-z]{32}${E}`), score: 0.9, maxLength: 48 },
  {
    kind: 'URL_CREDENTIALS',
    re: re('\\bhttps?://[^\\s:@/]{1,256}:(?<secret>[^\\s@/]{6,256})@[^\\s/?#]{1,256}', 'gid'),
    score: 0.8,
    maxLength: 780,
  },
];
