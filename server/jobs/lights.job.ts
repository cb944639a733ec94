import type { Ctx } from "../context.ts";
import { sweepLights } from "../domain/lights/light.sweep.ts";

/** Recomputes planned progress and traffic lights of every open item, so deadlines bite unattended. */
export const lightsJob = {
  name: "lights",
  everyMs: 24 * 60 * 60_000,
  run: async (ctx: Ctx) => sweepLights(ctx),
};
