import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { iso } from "../db/columns.ts";
import { runFullVerification } from "../domain/audit/audit.verification.ts";
import { checkpointAuditChain, verifyAuditChain, verifyAuditTail } from "../domain/audit/audit.verify.ts";
import { appendEvents } from "../test/audit-chain.ts";
import { engineName, type TestApp, testApp } from "../test/support.ts";
import { auditCheckpointJob } from "./audit-checkpoint.job.ts";
import { auditVerifyJob } from "./audit-verify.job.ts";
import { JOBS } from "./scheduler.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "aud", roles: [["auditor", "450000"]] });
  await t.build.user({ username: "adm", roles: [["admin", "450000"]] });
});
afterEach(() => t.close());

/** Runs `sqlText` around the append-only triggers, as someone with database access would. */
async function tamper(sqlText: string) {
  await t.database.db.transaction().execute(async (trx) => {
    if (t.database.engine === "postgres") {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
      for (const s of sqlText.split(";")) if (s.trim()) await sql.raw(s).execute(trx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
      return;
    }
    const { rows } = await sql<{ name: string; sql: string }>`
      SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'`.execute(trx);
    for (const tr of rows) await sql`DROP TRIGGER ${sql.id(tr.name)}`.execute(trx);
    for (const s of sqlText.split(";")) if (s.trim()) await sql.raw(s).execute(trx);
    for (const tr of rows) await sql.raw(tr.sql).execute(trx);
  });
}

const headSeq = async () =>
  (await t.database.db.selectFrom("auditHead").select("seq").where("id", "=", 1).executeTakeFirstOrThrow())
    .seq;

describe(`audit checkpoints (${engineName})`, () => {
  it("are signed by the daily job, which skips a head already signed", async () => {
    expect(JOBS.map((j) => j.name)).toEqual(expect.arrayContaining(["audit-checkpoint", "audit-verify"]));
    const first = await auditCheckpointJob.run(t.sys);
    expect(first).toEqual({ signed: true, seq: await headSeq() });
    expect(await auditCheckpointJob.run(t.sys)).toEqual({ signed: false });
    await appendEvents(t.database.db, 3, iso(t.clock.now()));
    expect(await auditCheckpointJob.run(t.sys)).toEqual({ signed: true, seq: await headSeq() });
  });

  it("name the cut when the last 10 events of a checkpointed chain are removed", async () => {
    const aud = await t.as("aud");
    await appendEvents(t.database.db, 40, iso(t.clock.now()));
    const cp = await checkpointAuditChain(t.sys);
    expect(cp).not.toBeNull();
    const seq = cp?.seq as number;
    expect(await verifyAuditChain(t.sys)).toMatchObject({ ok: true, checkpoints: 1, lastCheckpointSeq: seq });

    await tamper(`DELETE FROM audit_events WHERE seq > ${seq - 10}`);
    const cut = { seq, reason: "checkpoint_missing", checkpointAt: cp?.at, chainEnd: seq - 10 };
    expect((await verifyAuditChain(t.sys)).firstBad).toEqual(cut);
    expect((await verifyAuditTail(t.sys, 1000)).firstBad).toEqual(cut);

    // the head row moved back too, so only the checkpoint tells
    await tamper(
      `UPDATE audit_head SET seq = ${seq - 10}, hash = (SELECT hash FROM audit_events WHERE seq = ${seq - 10})`,
    );
    expect((await verifyAuditChain(t.sys)).firstBad).toEqual(cut);
    expect((await verifyAuditTail(t.sys, 1000)).firstBad).toEqual(cut);
    const res = (await aud("GET", "/api/v1/audit/verify")).json().data;
    expect(res).toMatchObject({ ok: false, firstBad: cut, complete: false });
  });
});

describe(`verifying in a request (${engineName})`, () => {
  it("walks only the events after the newest signed checkpoint, at most the configured number", async () => {
    await appendEvents(t.database.db, 30, iso(t.clock.now()));
    const cp = await checkpointAuditChain(t.sys);
    const from = cp?.seq as number;
    await appendEvents(t.database.db, 25, iso(t.clock.now()));
    const full = await verifyAuditTail(t.sys, 1000);
    expect(full).toMatchObject({ ok: true, fromSeq: from, throughSeq: from + 25, count: 25, complete: true });
    const bounded = await verifyAuditTail(t.sys, 10);
    expect(bounded).toMatchObject({
      ok: true,
      fromSeq: from,
      throughSeq: from + 10,
      count: 10,
      complete: false,
    });

    // an edit after the checkpoint shows in the request; one before it is the full walk's to find
    await tamper(`UPDATE audit_events SET data_json = '{"forged":1}' WHERE seq = ${from + 5}`);
    expect((await verifyAuditTail(t.sys, 1000)).firstBad).toEqual({ seq: from + 5, reason: "hash_mismatch" });
    await tamper(`UPDATE audit_events SET data_json = '{"n":${from + 5}}' WHERE seq = ${from + 5}`);
    await tamper(`UPDATE audit_events SET data_json = '{"forged":1}' WHERE seq = ${from - 3}`);
    expect(await verifyAuditTail(t.sys, 1000)).toMatchObject({ ok: true, complete: true });
    expect((await verifyAuditChain(t.sys)).firstBad).toEqual({ seq: from - 3, reason: "hash_mismatch" });
  });

  it("answers an auditor with the bounded check and the last full walk; others get 403", async () => {
    const aud = await t.as("aud");
    const before = (await aud("GET", "/api/v1/audit/verify")).json().data;
    expect(before).toMatchObject({ ok: true, fromSeq: 0, complete: true, lastFull: null, running: null });
    expect(before.count).toBeGreaterThan(0);
    await auditVerifyJob.run(t.sys);
    const after = (await aud("GET", "/api/v1/audit/verify")).json().data;
    expect(after.lastFull).toMatchObject({ trigger: "job", status: "ok", firstBad: null });
    const latest = await aud("GET", "/api/v1/audit/verifications/latest");
    expect(latest.statusCode).toBe(200);
    expect(latest.json().data.last).toMatchObject({ status: "ok", checkedSeq: after.lastFull.targetSeq });
    const adm = await t.as("adm");
    expect((await adm("GET", "/api/v1/audit/verifications/latest")).statusCode).toBe(403);
    expect((await adm("GET", "/api/v1/audit/verify")).statusCode).toBe(403);
  });
});

describe(`the full walk (${engineName})`, () => {
  it("records its progress while it runs and its outcome when done", async () => {
    const target = await appendEvents(t.database.db, 5000, iso(t.clock.now()));
    const run = runFullVerification(t.sys, "job");
    const seen: number[] = [];
    let settled = false;
    void run.finally(() => {
      settled = true;
    });
    while (!settled) {
      const row = await t.database.db.selectFrom("auditVerifications").selectAll().executeTakeFirst();
      if (row?.status === "running") seen.push(row.checkedSeq);
      await new Promise((r) => setTimeout(r, 2));
    }
    const r = await run;
    expect(r).toMatchObject({ ok: true, count: target });
    expect(seen.some((s) => s > 0 && s < target)).toBe(true);
    const rows = await t.database.db.selectFrom("auditVerifications").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "ok", targetSeq: target, checkedSeq: target, trigger: "job" });
    expect(rows[0].finishedAt).not.toBeNull();
  });

  it("records a broken chain as broken, naming the first bad event", async () => {
    await appendEvents(t.database.db, 20, iso(t.clock.now()));
    await tamper(`UPDATE audit_events SET data_json = '{"forged":1}' WHERE seq = 7`);
    const r = await auditVerifyJob.run(t.sys);
    expect(r).toMatchObject({ ok: false, firstBad: { seq: 7, reason: "hash_mismatch" } });
    const row = await t.database.db.selectFrom("auditVerifications").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "broken", firstBadSeq: 7, firstBadReason: "hash_mismatch" });
  });
});
