// Stryker mutation testing for @podnet/proxy (run from the repository root: `pnpm mutation proxy`).
import { strykerConfig } from './base.mjs';

export default strykerConfig('proxy');
