/**
 * @modelsec/cli: the `modelsec` command line, and the command contract for embedding it.
 *
 * @packageDocumentation
 */
export {
  type CliIO,
  type Command,
  type CommandContext,
  defineCommand,
  EXIT,
  type OptionSpec,
  type Progress,
  UsageError,
} from './command';
export { commands } from './commands/index';
export { createProgress, formatBytes } from './progress';
export { runCli, VERSION } from './run';
