/** A fixed-window counter of login attempts per client address (in memory, per process). */
export function loginRateLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one attempt; false when the address is over its limit for this minute. */
    allow(key: string, nowMs: number): boolean {
      if (perMinute === 0) return true;
      const w = windows.get(key);
      if (!w || nowMs - w.start >= 60_000) {
        if (windows.size > 10_000) windows.clear();
        windows.set(key, { start: nowMs, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= perMinute;
    },
  };
}
