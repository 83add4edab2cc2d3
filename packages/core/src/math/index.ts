/** Seeded pseudo-random numbers (reproducible experiments) and special functions in plain double precision (normal, gamma, chi-square, Bessel K, incomplete beta, binomial tails). */

export { boxMuller } from './box-muller';
export { createRng, type Rng } from './seeded-rng';
export {
  besselK,
  besselKScaled,
  betaInc,
  binomialSf,
  chi2Sf,
  erf,
  erfc,
  gammaP,
  gammaQ,
  lgamma,
  normCdf,
  normSf,
} from './special';
