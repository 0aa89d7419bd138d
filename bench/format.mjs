// How figures are written in the table and in the progress lines. Pure.
export const us = (ms) => `${Math.round(ms * 1000)} µs`;
export const perSecond = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const ratio = (value) => `${value.toFixed(2)}×`;
export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
/** Two CPU figures in ms as one cell in µs: `a · b µs`. */
export const cpuPair = (first, second) =>
  `${Math.round(first * 1000)} · ${Math.round(second * 1000)} µs`;
/** A block's header row: its title in bold, its column names in italics. */
export const headerRow = (cells) =>
  cells.map((cell, index) => (index === 0 ? `**${cell}**` : cell ? `*${cell}*` : ''));
/** ` (vs official <label>)` when a row is compared with another variant's official connector. */
export const versusSuffix = (variant, officialVariant, variantById) =>
  officialVariant === variant ? '' : ` (vs official ${variantById[officialVariant].label})`;
