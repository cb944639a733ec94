import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { Db, Engine } from "./db/connect.ts";
import { type Actor, systemActor } from "./domain/access/actor.ts";

/** What every use-case receives: the database (or the open transaction), who acts, and the clock. */
export interface Ctx {
  db: Db;
  engine: Engine;
  config: Config;
  actor: Actor;
  now: () => Date;
  log: Pick<Logger, "info" | "warn" | "error" | "debug">;
  requestId: string | null;
  ip: string | null;
  sessionId: string | null;
  inTransaction: boolean;
}

/** Runs `fn` in one transaction (or inside the one already open), so nothing partial survives a throw. */
export async function inTx<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx, inTransaction: true }));
}

const silentLog = { info() {}, warn() {}, error() {}, debug() {} };

/** A context for the CLI, jobs and seeding: acts as the system. */
export function systemContext(
  base: Pick<Ctx, "db" | "engine" | "config"> & Partial<Ctx>,
  name = "system",
): Ctx {
  return {
    actor: systemActor(name),
    now: () => new Date(),
    log: silentLog,
    requestId: null,
    ip: null,
    sessionId: null,
    inTransaction: false,
    ...base,
  };
}

/** The same context acting as someone else. */
export const withActor = (ctx: Ctx, actor: Actor, sessionId: string | null = ctx.sessionId): Ctx => ({
  ...ctx,
  actor,
  sessionId,
});
