/**
 * The streaming drift detector contract shared by ADWIN, Page-Hinkley, DDM, EDDM, KSWIN and HDDM_A:
 * feed one value per `update`, read `driftDetected` / `warningDetected`. As in river, a detector
 * that signalled drift resets itself on the next update.
 */
import { describeValue, ValidationError } from '@modelsec/core';

/** A streaming drift detector. */
export interface DriftDetector {
  /** Detector name (`'adwin'`, `'pageHinkley'`, ...). */
  readonly name: string;
  /** Add one observation; returns true when drift is detected at this observation. */
  update(x: number | boolean): boolean;
  /** Whether the last update detected drift. */
  readonly driftDetected: boolean;
  /** Whether the last update is in the warning zone (detectors without a warning zone: always false). */
  readonly warningDetected: boolean;
  /** Forget everything. */
  reset(): void;
}

/** Check a numeric stream value. */
export function streamValue(x: unknown): number {
  if (typeof x === 'number') {
    if (Number.isFinite(x)) return x;
    throw new ValidationError('non_finite', 'stream value is not finite');
  }
  if (typeof x === 'boolean') return x ? 1 : 0;
  throw new ValidationError('invalid_value', `stream value expected number, got ${describeValue(x)}`);
}

/** Check a binary (error = 1, correct = 0) stream value. */
export function bitValue(x: unknown): 0 | 1 {
  if (x === 0 || x === false) return 0;
  if (x === 1 || x === true) return 1;
  throw new ValidationError('invalid_value', `binary detectors expect 0/1 or a boolean, got ${describeValue(x)}`);
}

/** river's `stats.Mean` (incremental mean) with clone. */
export class RunningMean {
  /** Count. */
  n = 0;
  /** Mean. */
  mean = 0;
  /** Add a value. */
  update(x: number): void {
    this.n += 1;
    this.mean += (1 / this.n) * (x - this.mean);
  }
  /** Copy. */
  clone(): RunningMean {
    const m = new RunningMean();
    m.n = this.n;
    m.mean = this.mean;
    return m;
  }
}

/** river's `stats.Var` (Welford, ddof = 1). */
export class RunningVar {
  /** The mean. */
  readonly m = new RunningMean();
  private s = 0;
  /** Add a value. */
  update(x: number): void {
    const old = this.m.mean;
    this.m.update(x);
    this.s += (x - old) * (x - this.m.mean);
  }
  /** Sample variance (0 until two values). */
  get(): number {
    return this.m.n > 1 ? this.s / (this.m.n - 1) : 0;
  }
}
