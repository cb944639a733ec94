import { ROLES, type Role } from "../../contract/enums.ts";
import { runFullVerification } from "../domain/audit/audit.verification.ts";
import { checkpointAuditChain, type VerifyResult } from "../domain/audit/audit.verify.ts";
import { seedDemo } from "../domain/demo/demo.commands.ts";
import { DomainError } from "../domain/errors.ts";
import { findOrgByCode } from "../domain/orgs/org.queries.ts";
import { createUser } from "../domain/users/user.commands.ts";
import { dryRunJob } from "../jobs/dry-run.ts";
import { JOBS } from "../jobs/scheduler.ts";
import type { Args } from "./args.ts";
import { openDatabase, withSystem } from "./runtime.ts";

/** `rectify migrate` */
export async function migrate(): Promise<number> {
  const { database } = await openDatabase();
  console.log(`migrations current on ${database.describe}`);
  await database.close();
  return 0;
}

/** `rectify seed --demo` */
export async function seed(args: Args): Promise<number> {
  if (!args.has("demo")) {
    console.error("usage: rectify seed --demo");
    return 2;
  }
  const r = await withSystem("seed", seedDemo);
  console.log(`demo data: ${r.orgs} orgs and ${r.users} accounts added`);
  return 0;
}

/** `rectify user add --username u --name 名字 --org 450100 --role unit_lead[@450102] [--password p]` */
export async function userAdd(args: Args): Promise<number> {
  const username = args.get("username");
  const orgCode = args.get("org");
  const password = args.get("password") ?? process.env.RECTIFY_PASSWORD;
  if (!username || !orgCode || !password) {
    console.error(
      "usage: rectify user add --username NAME --org CODE --role ROLE[@CODE] [--name DISPLAY] [--password P | RECTIFY_PASSWORD=P]",
    );
    return 2;
  }
  return withSystem("cli", async (ctx) => {
    const org = await findOrgByCode(ctx, orgCode);
    if (!org) {
      console.error(`no org with code ${orgCode}`);
      return 2;
    }
    const roles: { role: Role; orgId: string }[] = [];
    for (const spec of args.all("role")) {
      const [role, at] = spec.split("@");
      const roleOrg = at ? await findOrgByCode(ctx, at) : org;
      if (!ROLES.includes(role as Role) || !roleOrg) {
        console.error(`bad --role ${spec}: roles are ${ROLES.join(", ")}; @CODE must be an org code`);
        return 2;
      }
      roles.push({ role: role as Role, orgId: roleOrg.id });
    }
    const user = await createUser(ctx, {
      username,
      displayName: args.get("name") ?? username,
      password,
      orgId: org.id,
      roles,
    });
    console.log(`user ${user.username} created (${user.id}) with ${roles.length} role(s)`);
    return 0;
  });
}

/** One line naming what broke; a cut chain names the checkpoint whose head is gone. */
export function describeBreak(r: VerifyResult): string {
  const b = r.firstBad;
  if (!b) return "";
  if (b.reason === "checkpoint_missing")
    return `audit chain CUT: the checkpoint signed at ${b.checkpointAt} for seq ${b.seq} is no longer in the chain, which ends at seq ${b.chainEnd} (${b.seq - (b.chainEnd ?? 0)} event(s) missing; checkpoint_missing)`;
  return `audit chain BROKEN at event seq ${b.seq}: ${b.reason} (${r.count} events verified before it)`;
}

/** `rectify audit verify` and `rectify audit checkpoint` */
export async function audit(args: Args): Promise<number> {
  const sub = args.positional[1];
  if (sub === "verify") {
    const r = await withSystem("audit", (ctx) => runFullVerification(ctx, "cli"));
    const cps =
      r.lastCheckpointSeq === null
        ? "no signed checkpoint yet"
        : `${r.checkpoints} checkpoint(s) checked, the last at seq ${r.lastCheckpointSeq}`;
    if (r.ok) {
      console.log(`audit chain ok: ${r.count} events, ${cps}`);
      return 0;
    }
    console.error(`${describeBreak(r)}; ${cps}`);
    return 1;
  }
  if (sub === "checkpoint") {
    const c = await withSystem("audit", checkpointAuditChain);
    console.log(
      c
        ? `checkpoint signed: seq ${c.seq} hash ${c.hash}`
        : "nothing new to sign: the head is already checkpointed",
    );
    return 0;
  }
  console.error("usage: rectify audit verify | rectify audit checkpoint");
  return 2;
}

export function describeError(e: unknown): string {
  if (e instanceof DomainError) {
    const fields = e.fields.map((f) => f.field).join(", ");
    return `${e.code}${fields ? ` (${fields})` : ""}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** `rectify jobs run <name> [--dry-run]`: one run of a scheduled job, now (or what it would do). */
export async function jobs(args: Args): Promise<number> {
  const name = args.positional[2];
  const job = JOBS.find((j) => j.name === name);
  if (args.positional[1] !== "run" || !job) {
    console.error(`usage: rectify jobs run <${JOBS.map((j) => j.name).join("|")}> [--dry-run]`);
    return 2;
  }
  if (args.has("dry-run")) {
    const report = await withSystem(`job:${job.name}`, (ctx) => dryRunJob(ctx, job));
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const result = await withSystem(`job:${job.name}`, job.run);
  console.log(`${job.name}: ${JSON.stringify(result)}`);
  return 0;
}
