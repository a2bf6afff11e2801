export { ClusterError, isClusterError } from './cluster-error.ts';
