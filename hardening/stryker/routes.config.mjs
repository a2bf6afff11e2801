// Stryker mutation testing for @podnet/routes (run from the repository root: `pnpm mutation routes`).
import { strykerConfig } from './base.mjs';

export default strykerConfig('routes');
