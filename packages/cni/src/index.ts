export { CniError, isCniError } from './cni-error.ts';
