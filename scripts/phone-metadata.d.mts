// Types of phone-metadata.mjs, for the tests that import it.
import type { MetadataJson } from 'libphonenumber-js/core';

export declare const formattingOnlyPositions: readonly number[];
export declare const metadataForParsing: (metadata: MetadataJson) => MetadataJson;
