// Child process: the cost of importing one connector bundle alone. Loads Logto's four provided
// packages first (every row pays those, connector or not), then times `import(<file>)`: wall time and
// CPU time of this process. Prints one JSON line. Used for docs/benchmarks.md ("Phone numbers"): it
// isolates what a bundle's size and top-level code cost, which the loader's figures mix with noise.
import { pathToFileURL } from 'node:url';

await import('@logto/connector-kit');
await import('got');
await import('zod');
await import('@silverhand/essentials');

const cpu = process.cpuUsage();
const started = performance.now();
await import(pathToFileURL(process.argv[2]).href);
const elapsed = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({ importMs: elapsed, importCpuMs: (used.user + used.system) / 1000 })}\n`
);
