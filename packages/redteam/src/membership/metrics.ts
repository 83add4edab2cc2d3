/**
 * Threshold-free and threshold metrics of a membership-inference score: ROC AUC (Mann-Whitney, ties
 * counted half), and the threshold that maximises the membership advantage TPR − FPR (Yeom et al. 2018).
 * Higher scores mean "more likely a member".
 */

/** A decision threshold and its rates. */
export interface ThresholdPoint {
  /** Predict "member" when score ≥ threshold. */
  threshold: number;
  /** True-positive rate (members flagged). */
  tpr: number;
  /** False-positive rate (non-members flagged). */
  fpr: number;
  /** TPR − FPR. */
  advantage: number;
}

/**
 * ROC AUC of scores: P(member score > non-member score) + ½ P(equal).
 *
 * @example
 * ```ts
 * rocAuc([0.9, 0.8], [0.1, 0.8]); // 0.875
 * ```
 */
export function rocAuc(members: ArrayLike<number>, nonMembers: ArrayLike<number>): number {
  const all: { v: number; m: boolean }[] = [];
  for (let i = 0; i < members.length; i++) all.push({ v: members[i] as number, m: true });
  for (let i = 0; i < nonMembers.length; i++) all.push({ v: nonMembers[i] as number, m: false });
  if (members.length === 0 || nonMembers.length === 0) return Number.NaN;
  all.sort((a, b) => a.v - b.v);
  // Sum of member ranks with average ranks for ties.
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { v: number }).v === (all[i] as { v: number }).v) j++;
    const avg = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) if ((all[t] as { m: boolean }).m) rankSum += avg;
    i = j;
  }
  const n1 = members.length;
  const n0 = nonMembers.length;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/**
 * The threshold with the largest TPR − FPR (the smallest such threshold on ties).
 *
 * @example
 * ```ts
 * bestThreshold([0.9, 0.8], [0.1, 0.2]); // { threshold: 0.8, tpr: 1, fpr: 0, advantage: 1 }
 * ```
 */
export function bestThreshold(members: ArrayLike<number>, nonMembers: ArrayLike<number>): ThresholdPoint {
  const candidates = [...Array.from(members), ...Array.from(nonMembers)].sort((a, b) => b - a);
  let best: ThresholdPoint = { threshold: Number.POSITIVE_INFINITY, tpr: 0, fpr: 0, advantage: 0 };
  const m = Array.from(members).sort((a, b) => b - a);
  const n = Array.from(nonMembers).sort((a, b) => b - a);
  let i = 0;
  let j = 0;
  for (let c = 0; c < candidates.length; c++) {
    const t = candidates[c] as number;
    if (c > 0 && t === candidates[c - 1]) continue;
    while (i < m.length && (m[i] as number) >= t) i++;
    while (j < n.length && (n[j] as number) >= t) j++;
    const tpr = m.length ? i / m.length : 0;
    const fpr = n.length ? j / n.length : 0;
    if (tpr - fpr > best.advantage) best = { threshold: t, tpr, fpr, advantage: tpr - fpr };
  }
  return best;
}

/**
 * Rates of a fixed threshold.
 *
 * @example
 * ```ts
 * atThreshold([0.9, 0.8], [0.1, 0.85], 0.85); // { tpr: 0.5, fpr: 0.5, advantage: 0 }
 * ```
 */
export function atThreshold(
  members: ArrayLike<number>,
  nonMembers: ArrayLike<number>,
  threshold: number,
): ThresholdPoint {
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < members.length; i++) if ((members[i] as number) >= threshold) tp++;
  for (let i = 0; i < nonMembers.length; i++) if ((nonMembers[i] as number) >= threshold) fp++;
  const tpr = members.length ? tp / members.length : 0;
  const fpr = nonMembers.length ? fp / nonMembers.length : 0;
  return { threshold, tpr, fpr, advantage: tpr - fpr };
}
