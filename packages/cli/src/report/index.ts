/**
 * The `modelsec report` engine: parse the config, inspect, render Markdown and HTML.
 */
export {
  CHECKLIST,
  type ChecklistItem,
  type CheckResult,
  checklistItem,
  type Evidence,
  type ItemStatus,
} from './checklist';
export { parseReportConfig, type ReportConfig, type ReportMetric } from './config';
export { inspectDeployment } from './deployment';
export { type Inspection, inspect, type ModelFacts } from './inspect';
export { type ReportData, renderHtml, renderMarkdown, tally } from './render';
export { STANDARDS, type Standard, type StandardMapping } from './standards';
