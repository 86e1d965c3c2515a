import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared official data folder next to the repository (../shared/data), read in place, never copied. */
export const sharedData = fileURLToPath(new URL('../../../../../shared/data', import.meta.url));
export const gvFile = join(sharedData, 'official/destatis-gv/31122023_Auszug_GV.xlsx');
export const gvCsv = join(sharedData, 'extracts/destatis_gv_gemeinden_2023-12-31.csv');
export const hasSharedData = existsSync(gvFile);
