// Types of module-state.mjs, for the tests that import it.
export declare const holdsState: (source: string) => boolean;
