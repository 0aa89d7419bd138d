// A minimal JSON token scanner: the source text of members and elements, for the one value
// `JSON.parse` cannot give exactly (a 64-bit integer). It trusts its input to be valid JSON.

const isJsonSpace = (char: string | undefined) =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';

const skipSpace = (text: string, from: number): number => {
  let index = from;
  while (isJsonSpace(text[index])) {
    index++;
  }
  return index;
};

/** Index just past the string token that starts at `start` (a `"`). */
const endOfString = (text: string, start: number): number => {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
    } else if (char === '"') {
      return index + 1;
    } else {
      index++;
    }
  }
  return text.length;
};

/** Index just past the value token that starts at `start`. */
// eslint-disable-next-line complexity -- one branch per JSON token kind, in the scanner every answer goes through
const endOfValue = (text: string, start: number): number => {
  const first = text[start];
  if (first === '"') {
    return endOfString(text, start);
  }
  if (first === '{' || first === '[') {
    let depth = 0;
    let index = start;
    while (index < text.length) {
      const char = text[index];
      if (char === '"') {
        index = endOfString(text, index);
        continue;
      }
      if (char === '{' || char === '[') {
        depth++;
      }
      if (char === '}' || char === ']') {
        depth--;
      }
      index++;
      if (depth === 0) {
        return index;
      }
    }
    return text.length;
  }
  let index = start;
  while (index < text.length && !isJsonSpace(text[index]) && !',}]'.includes(text[index] ?? '')) {
    index++;
  }
  return index;
};

/**
 * The source text of each member of a top-level JSON object, by decoded name (the last duplicate
 * wins, as in `JSON.parse`). Only call it on text `JSON.parse` accepted.
 *
 * This exists for `sid`: a 64-bit integer that `JSON.parse` rounds above 2^53, and that a reviver
 * only ever sees already rounded on Node 20. Scanning tokens (rather than searching for `"sid":`)
 * cannot be fooled by the same characters inside a string or a nested object. It costs a few µs,
 * so callers only use it for a value `JSON.parse` may have rounded (see `exactSid`).
 */
export const topLevelMemberSources = (json: string): Map<string, string> => {
  const members = new Map<string, string>();
  let index = skipSpace(json, 0);
  if (json[index] !== '{') {
    return members;
  }
  index = skipSpace(json, index + 1);
  while (json[index] === '"') {
    const nameEnd = endOfString(json, index);
    const name: unknown = JSON.parse(json.slice(index, nameEnd));
    const valueStart = skipSpace(json, skipSpace(json, nameEnd) + 1);
    const valueEnd = endOfValue(json, valueStart);
    if (typeof name === 'string') {
      members.set(name, json.slice(valueStart, valueEnd));
    }
    index = skipSpace(json, valueEnd);
    if (json[index] !== ',') {
      break;
    }
    index = skipSpace(json, index + 1);
  }
  return members;
};

/**
 * The source text of each element of a top-level JSON array (YunPian's record lists), so each
 * element's `sid` can be read exactly with `topLevelMemberSources`. Only call it on text
 * `JSON.parse` accepted.
 */
export const topLevelArrayItemSources = (json: string): string[] => {
  const items: string[] = [];
  let index = skipSpace(json, 0);
  if (json[index] !== '[') {
    return items;
  }
  index = skipSpace(json, index + 1);
  while (index < json.length && json[index] !== ']') {
    const end = endOfValue(json, index);
    items.push(json.slice(index, end));
    index = skipSpace(json, end);
    if (json[index] !== ',') {
      break;
    }
    index = skipSpace(json, index + 1);
  }
  return items;
};
