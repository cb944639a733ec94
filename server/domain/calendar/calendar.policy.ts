import { type Actor, holdsRole } from "../access/actor.ts";

/** The calendar is national: every signed-in user reads it, only admins correct it. */
export const calendarPolicy = {
  read: (a: Actor) => a.kind === "system" || a.grants.length > 0,
  manage: (a: Actor) => holdsRole(a, "admin"),
};
