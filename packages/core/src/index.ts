/**
 * @modelsec/core: the error model, shared types, rules and `guard()`, byte helpers and digests that
 * every modelsec package builds on.
 *
 * @packageDocumentation
 */
export * from './bytes/index';
export * from './digest/index';
export * from './errors/index';
export * from './math/index';
export * from './model/index';
export * from './rules/index';
