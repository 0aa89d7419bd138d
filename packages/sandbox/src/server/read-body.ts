import type { IncomingMessage } from 'node:http';

export const maxBodyBytes = 1024 * 1024;

export type BodyResult =
  { kind: 'complete'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/** Reads the whole request body, giving up once it exceeds `limit` (the caller answers 413). */
export const readBody = async (
  request: IncomingMessage,
  limit = maxBodyBytes
): Promise<BodyResult> => {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    return { kind: 'too-large' };
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) {
        return;
      }
      settled = true;
      request.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle({ kind: 'too-large' });
      } else {
        chunks.push(chunk);
      }
    };
    request.on('data', onData);
    request.on('end', () => {
      settle({ kind: 'complete', body: Buffer.concat(chunks, size) });
    });
    // A client that vanished mid-upload must not have its partial form processed.
    request.on('error', () => {
      settle({ kind: 'aborted' });
    });
    request.on('close', () => {
      settle({ kind: 'aborted' });
    });
  });
};
