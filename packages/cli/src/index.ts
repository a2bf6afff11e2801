export { exampleCluster } from './example-cluster.ts';
export { main } from './main.ts';
