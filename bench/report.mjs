// Turns measured figures into the table `pnpm bench` prints and the target verdicts. Pure: no I/O.
// One builder per block (report-send.mjs, report-startup.mjs); this file orders them, adds the
// verdict rows and renders the table.
import { headerRow } from './format.mjs';
import { crossBlock, overheadBlock, pairedBlock, separateBlock } from './report-send.mjs';
import { coldBlock, sizeBlock } from './report-startup.mjs';

// The order of the table's blocks, and of the verdicts.
const blocks = [crossBlock, separateBlock, pairedBlock, overheadBlock, coldBlock, sizeBlock];

const verdictRows = (targets) => [
  headerRow(['Targets (reported, not enforced)', 'result', '', '', '', '', 'measured']),
  ...targets.map((target) => [
    target.target,
    target.pass ? 'PASS' : 'MISS',
    '',
    '',
    '',
    '',
    target.measured,
  ]),
];

/**
 * @param figures { sends, cold, sizes, overhead, paired, cross, options }: a missing set has no block.
 * @returns { rows, targets }: the table's rows (first row = first block's header) and the verdicts.
 */
export const buildReport = (figures) => {
  const built = blocks.map((build) => build(figures)).filter(Boolean);
  const targets = built.flatMap((block) => block.targets);
  return { rows: [...built.flatMap((block) => block.rows), ...verdictRows(targets)], targets };
};

export const renderTable = (rows) => {
  const widths = rows[0].map((_header, column) =>
    Math.max(...rows.map((row) => String(row[column]).length))
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  const separator = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(rows[0]), separator, ...rows.slice(1).map((cells) => line(cells))].join('\n');
};
