// The cold-load row set (`--sets=cold`): fresh `node` processes running @logto/cli's
// loadConnectorFactories (harness/cold-load.mjs), alone and followed by the first send.
import { connectors } from '../connectors.mjs';
import { runTimed } from '../harness/children.mjs';
import { median } from '../harness/stats.mjs';

const pick = (list, field) => median(list.map((sample) => sample[field]));

const coldSubjects = ({ installed, installedStubbed }) => {
  // An official connector that needs @logto/shared cannot load in the Logto-like host.
  const loadable = connectors.flatMap(({ provider, officialNeedsLogtoShared, variants }) =>
    (officialNeedsLogtoShared ? ['ours'] : ['official', 'ours']).map((implementation) => ({
      provider,
      implementation,
      // Ours sends with its first variant (Aliyun: V3, its default); the official with its only one.
      algorithm: variants[0].algorithm,
    }))
  );
  return [
    { key: 'baseline', args: [] },
    ...loadable.map(({ provider, implementation }) => {
      const { name, directory } = installed[`${implementation}/${provider}`];
      return { key: `${implementation}/${provider}`, args: [name, directory] };
    }),
    // The same load followed by the process's first send, got stubbed (harness/cold-load.mjs).
    ...loadable.map(({ provider, implementation, algorithm }) => {
      const { name, directory } = installedStubbed[`${implementation}/${provider}`];
      return {
        key: `first-send/${implementation}/${provider}`,
        args: [name, directory, JSON.stringify({ implementation, provider, algorithm })],
      };
    }),
  ];
};

const sampleOnce = async (subject) => {
  const { stdout, wallMs } = await runTimed('cold-load.mjs', subject.args);
  const inside = JSON.parse(stdout.trim().split('\n').at(-1));
  if (inside.loaded !== inside.expected) {
    throw new Error(`cold load of ${subject.key} did not load (see the loader's message above)`);
  }
  return { ...inside, wallMs };
};

const firstSendFigures = (list) =>
  list[0]?.firstSendCpuMs === undefined
    ? {}
    : {
        firstSendMs: pick(list, 'firstSendMs'),
        firstSendCpuMs: pick(list, 'firstSendCpuMs'),
        loadAndFirstSendCpuMs: median(
          list.map((sample) => sample.loadCpuMs + sample.firstSendCpuMs)
        ),
      };

const summarise = (list) => ({
  samples: list.length,
  loadMs: pick(list, 'loadMs'),
  loadCpuMs: pick(list, 'loadCpuMs'),
  loaderImportMs: pick(list, 'loaderImportMs'),
  sinceStartMs: pick(list, 'sinceStartMs'),
  ...firstSendFigures(list),
  wallMs: pick(list, 'wallMs'),
  // The process's wall time less what the child itself timed before the load (Node's start-up and
  // importing @logto/cli's loader): the same work in every row, whose ±10 ms between processes
  // would otherwise hide the connectors' 5-7 ms difference in the whole-process figure.
  wallAfterLoaderMs: median(
    list.map((sample) => sample.wallMs - sample.startupMs - sample.loaderImportMs)
  ),
  raw: list,
});

/** @returns per subject key (`baseline`, `<impl>/<provider>`, `first-send/<impl>/<provider>`). */
export const runColdSet = async (context) => {
  const subjects = coldSubjects(context);
  const samples = Object.fromEntries(subjects.map((subject) => [subject.key, []]));
  // One throwaway process first (page cache, npm/tar leftovers), then rounds in rotating order so
  // drift on a shared machine spreads evenly over the subjects.
  await runTimed('cold-load.mjs', []);
  for (let round = 0; round < context.options.coldLoadSamples; round += 1) {
    for (let step = 0; step < subjects.length; step += 1) {
      const subject = subjects[(round + step) % subjects.length];
      samples[subject.key].push(await sampleOnce(subject));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([key, list]) => [key, summarise(list)]));
};
