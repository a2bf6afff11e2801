export { isRoutesError, RoutesError } from './routes-error.ts';
