/** Lets every pending continuation run, by waiting for a macrotask. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
