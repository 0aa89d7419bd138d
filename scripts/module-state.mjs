// What the connector build (build.mjs) counts as module-level state. Such state (the loaded number
// plan, the HTTP client and its socket pool, caches) must exist once per connector, so a source file
// with some may not be bundled into both lib/index.js and lib/first-use.js, which would each get
// their own copy. State is a module-level `let` or `var`, or a module-level `const` Map or WeakMap.
// A memo that may be copied (each copy only caches on its own) says so with `bundle-safe memo` in
// the comment lines right above it. Constant lookup tables (`new Set([...])`, objects) are not state.

const mutableLet = /^(?:export )?(?:let|var) /;
const mapConst = /^(?:export )?const \w+(?::[^=]+)? = new (?:Weak)?Map\b/;
const commentLine = /^\s*\/\//;

/**
 * @param source a TypeScript source file's text.
 * @returns whether the file declares module-level state that a second copy would split.
 */
export const holdsState = (source) => {
  const lines = source.split('\n');
  return lines.some((line, index) => {
    if (mutableLet.test(line)) {
      return true;
    }
    if (!mapConst.test(line)) {
      return false;
    }
    const commentAbove = [];
    for (let above = index - 1; above >= 0 && commentLine.test(lines[above]); above -= 1) {
      commentAbove.push(lines[above]);
    }
    return !commentAbove.join(' ').includes('bundle-safe memo');
  });
};
