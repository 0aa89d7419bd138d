// Summarises a .cpuprofile (node --cpu-prof): self time by function and by package/file, and total
// (inclusive) time of the functions whose name matches an optional filter.
//   node bench/harness/profile-summary.mjs <file.cpuprofile> [top=25] [inclusive-filter-regex]
import { readFileSync } from 'node:fs';

const [file, topArgument = '25', filter] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArgument);

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parent.set(child, node.id);
  }
}

const selfMicros = new Map();
const deltas = profile.timeDeltas;
for (let index = 0; index < profile.samples.length; index += 1) {
  const id = profile.samples[index];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (deltas[index] ?? 0));
}
const totalMicros = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

const where = (frame) => {
  const url = frame.url || '(native)';
  const match = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (match) {
    return match[1];
  }
  if (url.startsWith('node:')) {
    return url;
  }
  return url.replace(/^file:\/\//, '').replace(/^.*\/connectors\//, 'connectors/');
};

const byFunction = new Map();
const byFile = new Map();
for (const [id, micros] of selfMicros) {
  const { callFrame } = nodes.get(id);
  const name = `${callFrame.functionName || '(anonymous)'}  ${where(callFrame)}:${callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  byFile.set(where(callFrame), (byFile.get(where(callFrame)) ?? 0) + micros);
}

const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].sort((left, right) => right[1] - left[1]).slice(0, top)) {
    console.log(
      `${((micros / totalMicros) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`
    );
  }
};
console.log(`${file}: ${(totalMicros / 1000).toFixed(0)} ms sampled`);
print('self time by file/package', byFile);
print('self time by function', byFunction);

if (filter) {
  // Inclusive time of every frame whose function name matches: a sample counts once per match chain.
  const pattern = new RegExp(filter);
  const inclusive = new Map();
  for (const [id, micros] of selfMicros) {
    const seen = new Set();
    for (let current = id; current !== undefined; current = parent.get(current)) {
      const { callFrame } = nodes.get(current);
      if (!pattern.test(callFrame.functionName)) {
        continue;
      }
      const name = `${callFrame.functionName}  ${where(callFrame)}:${callFrame.lineNumber + 1}`;
      if (seen.has(name)) {
        continue;
      }
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  }
  print(`inclusive time of functions matching /${filter}/`, inclusive);
}
