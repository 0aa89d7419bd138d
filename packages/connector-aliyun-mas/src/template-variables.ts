/**
 * The gift templates' variable for the code (`${code}`), and for the validity in minutes (`${min}`).
 * Read by the config guard (config.ts, at start-up) and by the send (templates.ts, on first use): a
 * module of its own so the send does not bundle the guard.
 */
export const codeVariable = 'code';
export const minutesVariable = 'min';
