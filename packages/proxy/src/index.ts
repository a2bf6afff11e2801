export { isProxyError, ProxyError } from './proxy-error.ts';
