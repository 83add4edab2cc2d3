/**
 * Compare a signed manifest with a freshly computed one, file by file (shards grouped by file):
 * which files were added, are missing, were renamed (same content, other name) or changed, and the
 * most specific `IntegrityError` code for the difference.
 */
import type { ModelManifest } from './manifest';
import { parseResourceName } from './names';

/** The difference between a signed manifest and the model on hand. */
export interface ManifestDiff {
  /** Files present but not signed. */
  added: string[];
  /** Signed files that are absent. */
  missing: string[];
  /** Signed files found under another name (same digests). */
  renamed: { from: string; to: string }[];
  /** Files whose content differs. */
  changed: string[];
  /** The code to report: `digest_mismatch`, `file_renamed`, `file_missing`, `file_added`, or undefined when equal. */
  code?: 'digest_mismatch' | 'file_renamed' | 'file_missing' | 'file_added';
}

/**
 * Diff two manifests that use the same serialization. For a single-file model the names '.' and the
 * file name are the same file (model_signing writes '.', OMS v1.0 the file name).
 *
 * @example
 * ```ts
 * const d = diffManifests(signed, actual, false);
 * d.changed; // ['weights.bin']
 * ```
 */
export function diffManifests(expected: ModelManifest, actual: ModelManifest, single: boolean): ManifestDiff {
  const e = byFile(expected, single);
  const a = byFile(actual, single);
  const diff: ManifestDiff = { added: [], missing: [], renamed: [], changed: [] };
  for (const [path, sig] of e) {
    const got = a.get(path);
    if (got === undefined) diff.missing.push(path);
    else if (got !== sig) diff.changed.push(path);
  }
  for (const path of a.keys()) if (!e.has(path)) diff.added.push(path);
  for (const from of [...diff.missing]) {
    const to = diff.added.find((p) => a.get(p) === e.get(from));
    if (to === undefined) continue;
    diff.renamed.push({ from, to });
    diff.missing.splice(diff.missing.indexOf(from), 1);
    diff.added.splice(diff.added.indexOf(to), 1);
  }
  diff.code = diff.changed.length
    ? 'digest_mismatch'
    : diff.renamed.length
      ? 'file_renamed'
      : diff.missing.length
        ? 'file_missing'
        : diff.added.length
          ? 'file_added'
          : undefined;
  return diff;
}

function byFile(m: ModelManifest, single: boolean): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const r of m.resources) {
    const key = parseResourceName(r.name, m.serialization.method);
    const path = single ? '.' : key.path;
    const part = key.start === undefined ? r.digest : `${key.start}:${key.end}:${r.digest}`;
    const list = groups.get(path);
    if (list) list.push(part);
    else groups.set(path, [part]);
  }
  return new Map([...groups].map(([p, parts]) => [p, parts.sort().join(',')]));
}
