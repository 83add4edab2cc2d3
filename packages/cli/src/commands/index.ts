/**
 * The registry of `modelsec` subcommands. To add one: create `commands/<name>.ts` exporting a
 * `defineCommand({...})` default, and add it to this list (kept alphabetical).
 */
import type { Command } from '../command';
import dataset from './dataset';
import decrypt from './decrypt';
import digest from './digest';
import drift from './drift';
import encrypt from './encrypt';
import hash from './hash';
import injection from './injection';
import pii from './pii';
import redteam from './redteam';
import report from './report';
import scan from './scan';
import sign from './sign';
import verify from './verify';
import watermark from './watermark';

/** Every top-level command, alphabetical. */
export const commands: readonly Command[] = [
  dataset,
  decrypt,
  digest,
  drift,
  encrypt,
  hash,
  injection,
  pii,
  redteam,
  report,
  scan,
  sign,
  verify,
  watermark,
];
