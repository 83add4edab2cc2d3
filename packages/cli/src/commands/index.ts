/**
 * The registry of `modelsec` subcommands. To add one: create `commands/<name>.ts` exporting a
 * `defineCommand({...})` default, and add it to this list (kept alphabetical).
 */
import type { Command } from '../command';
import digest from './digest';

/** Every top-level command, alphabetical. */
export const commands: readonly Command[] = [digest];
