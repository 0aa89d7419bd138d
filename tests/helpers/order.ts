/**
 * Whether `work` settles before a timer armed now for `ms` fires.
 *
 * For work ended by its own timer (a send's timeout), this replaces "elapsed < timeout + 1 s":
 * Node fires timers in order of due time and runs promise jobs between them, so a loaded machine
 * delays the work's timer and this one alike and the answer stays the same; only a later
 * mechanism (a backstop, a retry, a hang) makes it false. Choose `ms` below the next mechanism
 * that could end the work (e.g. the request backstop 250 ms after the budget).
 */
export const settlesWithin = async (work: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, ms);
  });
  const settles = async (): Promise<true> => {
    await Promise.allSettled([work]);
    return true;
  };
  try {
    return await Promise.race([settles(), late]);
  } finally {
    clearTimeout(timer);
  }
};
