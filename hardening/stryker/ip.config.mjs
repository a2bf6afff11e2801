// Stryker mutation testing for @podnet/ip (run from the repository root: `pnpm mutation ip`).
import { strykerConfig } from './base.mjs';

export default strykerConfig('ip');
