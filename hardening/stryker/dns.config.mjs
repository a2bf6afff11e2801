// Stryker mutation testing for @podnet/dns (run from the repository root: `pnpm mutation dns`).
import { strykerConfig } from './base.mjs';

export default strykerConfig('dns');
