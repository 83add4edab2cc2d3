/**
 * `runRobustnessSuite`: one call that runs the configured attacks against a model and returns a
 * JSON-serialisable report (no tensors, no timestamps: the same seed gives the same report), which
 * `renderReportHtml` turns into a self-contained page and `modelsec report` can cite as the checklist's
 * adversarial-testing evidence.
 */
import { afunction, aobject, type Classifier } from '@modelsec/core';
import { checkData, type InputBounds, type LabeledData } from '../data';
import { type AccuracyCurve, accuracyCurve } from '../evasion/curve';
import { hopSkipJump } from '../evasion/hop-skip-jump';
import type { Norm } from '../evasion/result';
import { square } from '../evasion/square';
import { extractModel } from '../extraction/extract';
import type { QueryStrategy } from '../extraction/strategies';
import type { GradientSource } from '../gradient/types';
import type { InjectionCase } from '../llm/corpus';
import { type InjectionReport, type InjectionRunOptions, type LlmEndpoint, runPromptInjection } from '../llm/run';
import { type MembershipOptions, type MembershipResult, membershipInference } from '../membership/attack';
import type { TrainOptions } from '../surrogate/train';
import { type EvasionSummary, summarizeEvasion } from './summary';

/** What to run. Every section is optional; omit one (or set it to false) to skip it. */
export interface RobustnessSuiteConfig {
  /** Labelled samples the evasion attacks use. */
  data: LabeledData;
  /** Name shown in the report (default `model`). */
  modelName?: string;
  /** Seed of every attack (default 0). */
  seed?: number;
  /** Valid input range (default `[0, 1]`). */
  bounds?: InputBounds;
  /** Gradient source of FGSM and PGD (default finite differences through `predict`). */
  gradient?: GradientSource;
  /** FGSM accuracy-vs-ε curve. */
  fgsm?: { epsilons: readonly number[]; norm?: Norm } | false;
  /** PGD accuracy-vs-ε curve. */
  pgd?: { epsilons: readonly number[]; norm?: Norm; steps?: number } | false;
  /** Square attack at one ε and per-sample query budget. */
  square?: { eps: number; maxQueries: number; pInit?: number } | false;
  /** HopSkipJump at a per-sample query budget; success rates reported at each L2 `thresholds`. */
  hopSkipJump?: { maxQueries: number; thresholds?: readonly number[] } | false;
  /** Extraction curves per query strategy. */
  extraction?:
    | {
        pool: Float32Array;
        evaluation: LabeledData;
        checkpoints: readonly number[];
        strategies?: readonly QueryStrategy[];
        hidden?: readonly number[];
        train?: TrainOptions;
        labels?: 'soft' | 'hard';
      }
    | false;
  /** Membership inference against this model (its member/non-member data must be known). */
  membership?: Omit<MembershipOptions, 'seed'> | false;
  /** Prompt-injection run against an LLM endpoint (reported alongside). */
  promptInjection?: { llm: LlmEndpoint; cases: readonly InjectionCase[]; options?: InjectionRunOptions } | false;
  /** Called as each stage starts. */
  onStage?: (stage: string) => void;
}

/** The report of `runRobustnessSuite` (plain JSON). */
export interface RobustnessReport {
  /** Format identifier. */
  schema: 'modelsec.redteam.report/v1';
  /** The model under test. */
  model: { name: string; sampleShape: number[]; numClasses: number; scores: string };
  /** Seed of every attack. */
  seed: number;
  /** Samples used by the evasion attacks. */
  samples: number;
  /** Clean accuracy on those samples (null when no evasion attack ran). */
  cleanAccuracy: number | null;
  /** Gradient source of FGSM/PGD. */
  gradient: string | null;
  /** Evasion results. */
  evasion: {
    fgsm?: AccuracyCurve;
    pgd?: AccuracyCurve;
    square?: EvasionSummary;
    hopSkipJump?: EvasionSummary;
  };
  /** Extraction curves (one per strategy). */
  extraction?: {
    strategy: QueryStrategy;
    points: { queries: number; fidelity: number; accuracy: number }[];
    victimAccuracy: number;
    queries: number;
  }[];
  /** Membership-inference result. */
  membership?: MembershipResult;
  /** Prompt-injection result (per-case outcomes without responses). */
  promptInjection?: InjectionReport;
  /** Model queries used by everything in the report (the attacks' own counts, gradient estimation and extraction evaluation included). */
  queries: number;
  /** Checklist evidence: which attacks ran. */
  evidence: { item: 'Adversarial testing completed'; attacks: string[] };
}

/**
 * Run the configured attacks and build a report.
 *
 * @example
 * ```ts
 * const report = await runRobustnessSuite(model, {
 *   data, seed: 1, fgsm: { epsilons: [0, 0.1, 0.2, 0.3] }, square: { eps: 0.2, maxQueries: 1000 },
 * });
 * const html = renderReportHtml(report);
 * ```
 */
export async function runRobustnessSuite(model: Classifier, config: RobustnessSuiteConfig): Promise<RobustnessReport> {
  aobject(model as unknown, 'model');
  afunction(model.predict, 'model.predict');
  aobject(config as unknown, 'config');
  const data = checkData(model, config.data, 'config.data');
  const seed = config.seed ?? 0;
  let queries = 0;
  const stage = (name: string) => config.onStage?.(name);
  const report: RobustnessReport = {
    schema: 'modelsec.redteam.report/v1',
    model: {
      name: (config.modelName ?? 'model').slice(0, 200),
      sampleShape: [...model.sampleShape],
      numClasses: model.numClasses,
      scores: model.scores,
    },
    seed,
    samples: data.count,
    cleanAccuracy: null,
    gradient: null,
    evasion: {},
    queries: 0,
    evidence: { item: 'Adversarial testing completed', attacks: [] },
  };
  const base = { bounds: config.bounds, seed };
  const gradient = config.gradient;
  const ran = report.evidence.attacks;
  if (config.fgsm) {
    stage('fgsm');
    const curve = await accuracyCurve(model, config.data, {
      ...base,
      attack: 'fgsm',
      epsilons: config.fgsm.epsilons,
      norm: config.fgsm.norm,
      gradient,
    });
    queries += curve.queries;
    report.evasion.fgsm = curve;
    report.gradient = curve.gradient;
    report.cleanAccuracy = curve.cleanAccuracy;
    ran.push('fgsm');
  }
  if (config.pgd) {
    stage('pgd');
    const curve = await accuracyCurve(model, config.data, {
      ...base,
      attack: 'pgd',
      epsilons: config.pgd.epsilons,
      norm: config.pgd.norm,
      steps: config.pgd.steps,
      gradient,
    });
    queries += curve.queries;
    report.evasion.pgd = curve;
    report.gradient = curve.gradient;
    report.cleanAccuracy = curve.cleanAccuracy;
    ran.push('pgd');
  }
  if (config.square) {
    stage('square');
    const r = await square(model, config.data, { ...base, ...config.square });
    queries += r.queries;
    report.evasion.square = summarizeEvasion(r);
    report.cleanAccuracy = r.cleanAccuracy;
    ran.push('square');
  }
  if (config.hopSkipJump) {
    stage('hop-skip-jump');
    const r = await hopSkipJump(model, config.data, { ...base, maxQueries: config.hopSkipJump.maxQueries });
    queries += r.queries;
    report.evasion.hopSkipJump = summarizeEvasion(r, config.hopSkipJump.thresholds ?? []);
    report.cleanAccuracy = r.cleanAccuracy;
    ran.push('hop-skip-jump');
  }
  if (config.extraction) {
    const ex = config.extraction;
    report.extraction = [];
    for (const strategy of ex.strategies ?? (['natural'] as const)) {
      stage(`extraction:${strategy}`);
      const r = await extractModel(model, {
        strategy,
        pool: ex.pool,
        checkpoints: ex.checkpoints,
        evaluation: ex.evaluation,
        hidden: ex.hidden,
        train: ex.train,
        labels: ex.labels,
        bounds: config.bounds,
        seed,
      });
      queries += r.queries + r.evaluationQueries;
      report.extraction.push({ strategy, points: r.points, victimAccuracy: r.victimAccuracy, queries: r.queries });
    }
    ran.push('extraction');
  }
  if (config.membership) {
    stage('membership');
    report.membership = await membershipInference(model, { ...config.membership, seed });
    queries += report.membership.queries;
    ran.push('membership-inference');
  }
  if (config.promptInjection) {
    stage('prompt-injection');
    const pi = config.promptInjection;
    report.promptInjection = await runPromptInjection(pi.llm, pi.cases, { seed, ...pi.options, keepResponses: false });
    ran.push('prompt-injection');
  }
  report.queries = queries;
  return report;
}
