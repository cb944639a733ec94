import { channelSenders } from "../notifications/delivery.ts";

/**
 * The product's channels, with robot requests sent to a local receiver instead of the official
 * host (path and query kept). Test code only: configuration has no way to reach this.
 */
export const localRobots = (base: string) =>
  channelSenders((checked) => new URL(`${checked.pathname}${checked.search}`, base));
