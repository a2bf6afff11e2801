// Entry point of podnet's benchmark suite. `pnpm bench` (full) or `pnpm bench --quick` (smoke test).
const quick = process.argv.includes('--quick');
console.log(`podnet bench (${quick ? 'quick' : 'full'}) on Node ${process.version}`);
