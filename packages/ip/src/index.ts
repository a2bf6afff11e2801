export type { PathSegment, Result } from './ip-error.ts';
export { IpError, isIpError } from './ip-error.ts';
