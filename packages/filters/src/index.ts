/**
 * @modelsec/filters: `filterOutput` and its rules. Classifier outputs: confidence gating, top-k,
 * rounding, label-only, ART-compatible reverse sigmoid and CSPRNG noise against model extraction and
 * membership inference. LLM text: PII and secret redaction, canary and system-prompt leak detection,
 * content policy, URL policy, structured-output validation, sink sanitization (HTML, Markdown), and a
 * streaming filter that never lets a redacted value or canary through a chunk boundary.
 *
 * @packageDocumentation
 */
export * from './classifier/index';
export {
  DEFAULT_SAFE_RESPONSE,
  DEFAULT_TEXT_SAFE_RESPONSE,
  type FilterOutputOptions,
  type FilterResult,
  filterOutput,
  filterOutputSync,
  type Incident,
  makeIncident,
} from './filter-output';
export {
  type ExtractedJson,
  type ExtractJsonOptions,
  extractJson,
  type JsonOutputOptions,
  jsonOutput,
} from './generic/json';
export {
  DEFAULT_HTML_TAGS,
  type HtmlSinkOptions,
  type MarkdownSinkOptions,
  type Sink,
  type SinkOptions,
  type SinkResult,
  type SinkStats,
  sanitizeForSink,
  sanitizeForSinkDetailed,
  sinkSanitizer,
} from './sink/index';
export * from './text/index';
