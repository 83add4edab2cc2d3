/**
 * What the PII screen of a dataset reports, and the bounded accumulator behind it: counts per entity
 * and per column (at most `maxColumns` distinct columns, the rest counted under `(other)`), the number
 * of rows with personal data, and up to `maxSamples` sample spans whose preview is the cell with every
 * finding masked, so a report never holds a raw value.
 */
import type { PiiFinding } from '../../text/index';

/** A sample finding: where it is and a masked preview, never the value. */
export interface PiiSample {
  /** Data row (0-based; header excluded; for text files, the line index). */
  row: number;
  /** Column name (CSV header or `column_<i>`), JSON path, or `text`. */
  column: string;
  /** Entity (`EMAIL_ADDRESS`...). */
  entity: string;
  /** Detector score. */
  score: number;
  /** Offset of the span in the cell (UTF-16 units). */
  start: number;
  /** End of the span in the cell. */
  end: number;
  /** Up to `sampleContext` characters each side of the span, with every finding of the cell masked. */
  preview: string;
}

/** Result of `screenPII`. */
export interface PiiScreenReport {
  /** Format that was parsed. */
  format: 'csv' | 'jsonl' | 'text';
  /** Data rows read. */
  rows: number;
  /** Bytes read. */
  bytes: number;
  /** Cells scanned with the detector. */
  cellsScanned: number;
  /** Cells answered without scanning (plain numbers, repeated short cells). */
  cellsSkipped: number;
  /** Findings in all cells. */
  findings: number;
  /** Rows with at least one finding. */
  rowsWithPii: number;
  /** Findings per entity. */
  byEntity: Record<string, number>;
  /** Findings per column, then per entity. */
  byColumn: Record<string, Record<string, number>>;
  /** True when more than `maxColumns` columns had findings (the rest are under `(other)`). */
  columnsTruncated: boolean;
  /** Sample findings (first ones met), masked. */
  samples: PiiSample[];
  /** Set when a redacted copy was written. */
  redacted?: {
    /** Redaction mode. */
    mode: 'mask' | 'placeholder' | 'hash';
    /** Characters written. */
    chars: number;
  };
}

/** The bounded accumulator. */
export class PiiTally {
  /** Findings per entity. */
  readonly byEntity = new Map<string, number>();
  /** Findings per column and entity. */
  readonly byColumn = new Map<string, Map<string, number>>();
  /** Samples. */
  readonly samples: PiiSample[] = [];
  /** Total findings. */
  findings = 0;
  /** Rows with findings. */
  rowsWithPii = 0;
  /** Whether columns were folded into `(other)`. */
  columnsTruncated = false;
  private lastRow = -1;

  /** Create an accumulator. */
  constructor(
    private readonly maxSamples: number,
    private readonly context: number,
    private readonly maxColumns: number,
  ) {}

  /** Count the findings of one cell; `masked` builds the masked cell lazily for samples. */
  add(row: number, column: string, cell: string, found: readonly PiiFinding[]): void {
    if (found.length === 0) return;
    if (row !== this.lastRow) {
      this.rowsWithPii++;
      this.lastRow = row;
    }
    let col = this.byColumn.get(column);
    if (!col) {
      if (this.byColumn.size >= this.maxColumns) {
        this.columnsTruncated = true;
        column = '(other)';
        col = this.byColumn.get(column);
      }
      if (!col) {
        col = new Map();
        this.byColumn.set(column, col);
      }
    }
    let masked: string | undefined;
    for (const f of found) {
      this.findings++;
      this.byEntity.set(f.entity, (this.byEntity.get(f.entity) ?? 0) + 1);
      col.set(f.entity, (col.get(f.entity) ?? 0) + 1);
      if (this.samples.length < this.maxSamples) {
        masked ??= maskAll(cell, found);
        const from = Math.max(0, f.start - this.context);
        const to = Math.min(cell.length, f.end + this.context);
        this.samples.push({
          row,
          column,
          entity: f.entity,
          score: Math.round(f.score * 1000) / 1000,
          start: f.start,
          end: f.end,
          preview: `${from > 0 ? '…' : ''}${masked.slice(from, to)}${to < cell.length ? '…' : ''}`,
        });
      }
    }
  }

  /** The counts as plain records. */
  counts(): Pick<PiiScreenReport, 'byEntity' | 'byColumn'> {
    const byColumn: Record<string, Record<string, number>> = Object.create(null);
    for (const [c, m] of this.byColumn) byColumn[c] = sortedRecord(m);
    return { byEntity: sortedRecord(this.byEntity), byColumn };
  }
}

/** Replace every code unit of every finding with `*` (surrogate pairs become two stars). */
export function maskAll(text: string, found: readonly PiiFinding[]): string {
  let out = '';
  let pos = 0;
  for (const f of found) {
    if (f.start < pos) continue;
    out += text.slice(pos, f.start) + '*'.repeat(f.end - f.start);
    pos = f.end;
  }
  return out + text.slice(pos);
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null); // keys come from the data ("__proto__" too)
  for (const k of [...m.keys()].sort()) out[k] = m.get(k) as number;
  return out;
}
