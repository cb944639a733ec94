import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "../../../contract/audit-events.ts";
import { type Ctx, inTx } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import type { AuditEventsTable } from "../../db/schema.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { type Actor, systemActor } from "../access/actor.ts";
import { chainHash, GENESIS_HASH } from "./audit.chain.ts";
import { type Checkpoint, signCheckpoint } from "./audit.checkpoint.ts";
import { type AuditInput, recordAudit } from "./audit.commands.ts";
import { checkpointAuditChain, verifyAuditChain } from "./audit.verify.ts";

type Row = AuditEventsTable;
type Column = keyof Row;

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(() => t.close());
beforeEach(async () => {
  fs.rmSync(t.config.auditCheckpointFile, { force: true });
  fs.rmSync(t.config.auditKeyFile, { force: true });
  await resetChain();
});

// ---------------------------------------------------------------------------------------------
// Tampering the way someone with write access to the database would: around the append-only
// triggers, in one transaction so the triggers are back before anyone else looks.

async function tamper(fn: (db: Db) => Promise<void>): Promise<void> {
  await t.database.db.transaction().execute(async (trx) => {
    if (t.database.engine === "postgres") {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
      await fn(trx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
      return;
    }
    const { rows: triggers } = await sql<{ name: string; sql: string }>`
      SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'`.execute(trx);
    expect(triggers.map((r) => r.name).sort()).toEqual(["audit_events_no_delete", "audit_events_no_update"]);
    for (const tr of triggers) await sql`DROP TRIGGER ${sql.id(tr.name)}`.execute(trx);
    await fn(trx);
    for (const tr of triggers) await sql.raw(tr.sql).execute(trx);
  });
}

async function resetChain(): Promise<void> {
  await tamper((db) =>
    db
      .deleteFrom("auditEvents")
      .execute()
      .then(() => undefined),
  );
  await t.database.db
    .updateTable("auditHead")
    .set({ seq: 0, hash: GENESIS_HASH })
    .where("id", "=", 1)
    .execute();
}

const readRows = (): Promise<Row[]> =>
  t.database.db.selectFrom("auditEvents").selectAll().orderBy("seq").execute();

const setHead = (seq: number, hash: string) =>
  t.database.db.updateTable("auditHead").set({ seq, hash }).where("id", "=", 1).execute();

// ---------------------------------------------------------------------------------------------
// Chains of events as the product writes them: recordAudit inside a transaction.

const eventArb = fc.record({
  type: fc.constantFrom(...AUDIT_EVENT_TYPES),
  entityType: fc.constantFrom("org", "user"),
  entityId: fc.uuid(),
  scopePath: fc.constantFrom("/", "/450000/", "/450000/450100/", "/450000/450100/450102/"),
  data: fc.dictionary(
    fc.string({ maxLength: 6 }),
    fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => s.replaceAll("\0", "")),
    ),
    { maxKeys: 4 },
  ),
  actor: fc.option(fc.record({ userId: fc.uuid(), name: fc.string({ unit: "grapheme", maxLength: 8 }) }), {
    nil: null,
  }),
  ip: fc.option(fc.ipV4(), { nil: null }),
  gapMs: fc.integer({ min: 0, max: 86_400_000 }),
});
type EventInput = typeof eventArb extends fc.Arbitrary<infer E> ? E : never;

const chainArb = (min = 5, max = 15) => fc.array(eventArb, { minLength: min, maxLength: max });

async function writeChain(events: EventInput[]): Promise<void> {
  for (const e of events) {
    t.clock.advance(e.gapMs);
    const actor: Actor = e.actor
      ? { kind: "user", userId: e.actor.userId, name: e.actor.name, homePath: e.scopePath, grants: [] }
      : systemActor("test");
    const ctx: Ctx = { ...t.sys, actor, ip: e.ip };
    await inTx(ctx, (c) =>
      // The chain hashes any payload alike, so random data stands in for every type's own.
      recordAudit(c, {
        type: e.type,
        entityType: e.entityType,
        entityId: e.entityId,
        scopePath: e.scopePath,
        data: e.data,
      } as AuditInput),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// One change to one row, guaranteed to differ from what is there.

const COLUMNS: Column[] = [
  "seq",
  "id",
  "at",
  "actorId",
  "actorName",
  "scopePath",
  "type",
  "entityType",
  "entityId",
  "dataJson",
  "ip",
  "prevHash",
  "hash",
];

interface Edit {
  kind: "edit";
  index: number;
  column: Column;
  /** Picks the new value from the original row and the chain; must differ from the original. */
  seed: number;
  text: string;
}
interface Deletion {
  kind: "delete";
  index: number;
}
interface Swap {
  kind: "swap";
  i: number;
  j: number;
}
type Tampering = Edit | Deletion | Swap;

const editArb = (n: number): fc.Arbitrary<Edit> =>
  fc.record({
    kind: fc.constant("edit" as const),
    index: fc.nat(n - 1),
    column: fc.constantFrom(...COLUMNS),
    seed: fc.nat(1000),
    text: fc.string({ unit: "grapheme", maxLength: 10 }).map((s) => s.replaceAll("\0", "")),
  });
const deletionArb = (n: number): fc.Arbitrary<Deletion> =>
  fc.record({ kind: fc.constant("delete" as const), index: fc.nat(n - 1) });
const swapArb = (n: number): fc.Arbitrary<Swap> =>
  fc
    .uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: 2 })
    .map(([a, b]) => ({ kind: "swap" as const, i: Math.min(a, b), j: Math.max(a, b) }));

const flipHex = (h: string, at: number) => {
  const i = at % h.length;
  return `${h.slice(0, i)}${h[i] === "0" ? "1" : "0"}${h.slice(i + 1)}`;
};

/** A value for `column` that differs from `row`'s, sometimes borrowed from another row of the chain. */
function editedValue(rows: Row[], e: Edit): string | number | null {
  const row = rows[e.index];
  const other = rows[(e.index + 1 + (e.seed % (rows.length - 1))) % rows.length];
  const original = row[e.column];
  const pick = (candidates: (string | number | null)[]) => {
    const fresh = candidates.filter((c) => c !== original);
    return fresh[e.seed % fresh.length];
  };
  switch (e.column) {
    case "seq":
      // never another row's seq (the primary key would refuse it): before the chain or past its end
      return pick([0, -1, rows.length + 1, rows.length + 2 + (e.seed % 50)]);
    case "hash":
    case "prevHash":
      return pick([
        flipHex(String(original), e.seed),
        other.hash,
        other.prevHash,
        GENESIS_HASH,
        String(original).toUpperCase(),
        `${original} `,
      ]);
    case "at": {
      const d = new Date(row.at);
      return pick([
        new Date(d.getTime() + 1 + e.seed).toISOString(),
        new Date(d.getTime() - 1 - e.seed).toISOString(),
        row.at.replace(".000Z", "Z").replace(/\.(\d{3})Z$/, ".$1+00:00"),
        other.at,
      ]);
    }
    case "dataJson": {
      const parsed = JSON.parse(row.dataJson) as Record<string, unknown>;
      return pick([
        JSON.stringify(parsed, null, 1),
        JSON.stringify({ ...parsed, [e.text || "k"]: e.seed }),
        "{}",
        other.dataJson,
        `${row.dataJson} `,
      ]);
    }
    case "actorId":
    case "actorName":
    case "ip":
      return pick([null, e.text, `${original ?? ""}x`, other[e.column]]);
    case "id": // unique: never another row's
      return pick([e.text || "x", `${original}x`, String(original).toUpperCase()]);
    default:
      return pick([e.text, `${original}x`, other[e.column] as string, String(original).toUpperCase()]);
  }
}

/**
 * Applies the tampering and returns the seq of the first row a verifier must name (a range when
 * a row is renumbered before the chain: naming it there or its gap in the chain are both right).
 */
async function applyTampering(rows: Row[], tampering: Tampering): Promise<[number, number]> {
  if (tampering.kind === "delete") {
    const { seq } = rows[tampering.index];
    await tamper((db) =>
      db
        .deleteFrom("auditEvents")
        .where("seq", "=", seq)
        .execute()
        .then(() => undefined),
    );
    return [seq, seq];
  }
  if (tampering.kind === "swap") {
    const a = rows[tampering.i];
    const b = rows[tampering.j];
    await tamper(async (db) => {
      await db.deleteFrom("auditEvents").where("seq", "in", [a.seq, b.seq]).execute();
      await db
        .insertInto("auditEvents")
        .values([
          { ...b, seq: a.seq },
          { ...a, seq: b.seq },
        ])
        .execute();
    });
    return [a.seq, a.seq];
  }
  const row = rows[tampering.index];
  const value = editedValue(rows, tampering);
  expect(value).not.toBe(row[tampering.column]);
  await tamper((db) =>
    db
      .updateTable("auditEvents")
      .set({ [tampering.column]: value } as Partial<Row>)
      .where("seq", "=", row.seq)
      .execute()
      .then(() => undefined),
  );
  if (tampering.column === "seq" && typeof value === "number" && value < 1) return [1, row.seq];
  return [row.seq, row.seq];
}

const chainWithTampering = (tampering: (n: number) => fc.Arbitrary<Tampering>) =>
  chainArb().chain((events) =>
    fc.record({ events: fc.constant(events), tampering: tampering(events.length) }),
  );

async function expectTamperingDetected(tampering: Tampering, events: EventInput[]) {
  await resetChain();
  await writeChain(events);
  const clean = await verifyAuditChain(t.sys);
  expect(clean).toMatchObject({ ok: true, count: events.length });
  const rows = await readRows();
  const [from, to] = await applyTampering(rows, tampering);
  const r = await verifyAuditChain(t.sys);
  expect(r.ok).toBe(false);
  expect(r.firstBad?.seq).toBeGreaterThanOrEqual(from);
  expect(r.firstBad?.seq).toBeLessThanOrEqual(to);
}

describe("verifyAuditChain", () => {
  it("accepts every untouched chain written by recordAudit", async () => {
    await fc.assert(
      fc.asyncProperty(chainArb(1, 15), async (events) => {
        await resetChain();
        await writeChain(events);
        const r = await verifyAuditChain(t.sys);
        expect(r).toMatchObject({ ok: true, count: events.length, checkpoints: 0 });
        expect(r.firstBad).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });

  it("names the first broken row after any edit of any column of any row", async () => {
    await fc.assert(
      fc.asyncProperty(chainWithTampering(editArb), ({ events, tampering }) =>
        expectTamperingDetected(tampering, events),
      ),
      { numRuns: 40 },
    );
  });

  it("names the first broken row after the deletion of any row, the last one included", async () => {
    await fc.assert(
      fc.asyncProperty(chainWithTampering(deletionArb), ({ events, tampering }) =>
        expectTamperingDetected(tampering, events),
      ),
      {
        numRuns: 25,
        examples: [[{ events: fc.sample(chainArb(5, 5), 1)[0], tampering: { kind: "delete", index: 4 } }]],
      },
    );
  });

  it("names the first broken row after two rows swap their contents", async () => {
    await fc.assert(
      fc.asyncProperty(chainWithTampering(swapArb), ({ events, tampering }) =>
        expectTamperingDetected(tampering, events),
      ),
      { numRuns: 25 },
    );
  });

  // INSERT is not blocked by the triggers, so this needs no more than the app's own grants.
  it("notices a self-consistent row inserted before the first event or after the last one", async () => {
    await fc.assert(
      fc.asyncProperty(
        chainArb(3, 10).chain((events) =>
          fc.record({
            events: fc.constant(events),
            source: fc.nat(events.length - 1),
            at: fc.oneof(
              fc.constantFrom(0, -1),
              fc.integer({ min: -1000, max: -2 }),
              fc.constant(events.length + 1),
              fc.integer({ min: events.length + 2, max: events.length + 1000 }),
            ),
          }),
        ),
        async ({ events, source, at }) => {
          await resetChain();
          await writeChain(events);
          const rows = await readRows();
          const prevHash = at === rows.length + 1 ? rows[rows.length - 1].hash : GENESIS_HASH;
          const forged = { ...rows[source], seq: at, id: `${rows[source].id}-forged`, prevHash };
          await t.database.db
            .insertInto("auditEvents")
            .values({ ...forged, hash: chainHash(prevHash, forged) })
            .execute();
          const r = await verifyAuditChain(t.sys);
          expect(r.ok, `a forged row at seq ${at} went unnoticed`).toBe(false);
        },
      ),
      { numRuns: 25, examples: [[{ events: fc.sample(chainArb(3, 3), 1)[0], source: 0, at: 0 }]] },
    );
  });
});

describe("the append-only triggers", () => {
  it("refuse UPDATE and DELETE of audit rows (and TRUNCATE on PostgreSQL)", async () => {
    await writeChain(fc.sample(chainArb(3, 3), 1)[0]);
    const db = t.database.db;
    const refused = /append-only/;
    await expect(sql`UPDATE audit_events SET type = 'x' WHERE seq = 2`.execute(db)).rejects.toThrow(refused);
    await expect(
      db.updateTable("auditEvents").set({ dataJson: "{}" }).where("seq", "=", 3).execute(),
    ).rejects.toThrow(refused);
    await expect(sql`DELETE FROM audit_events WHERE seq = 3`.execute(db)).rejects.toThrow(refused);
    await expect(db.deleteFrom("auditEvents").execute()).rejects.toThrow(refused);
    if (t.database.engine === "postgres") {
      await expect(sql`TRUNCATE audit_events`.execute(db)).rejects.toThrow(refused);
    }
    expect(await readRows()).toHaveLength(3);
    expect(await verifyAuditChain(t.sys)).toMatchObject({ ok: true, count: 3 });
  });

  it("are back in force after a tampering round", async () => {
    await writeChain(fc.sample(chainArb(3, 3), 1)[0]);
    await tamper((db) =>
      db
        .deleteFrom("auditEvents")
        .where("seq", "=", 3)
        .execute()
        .then(() => undefined),
    );
    await expect(sql`DELETE FROM audit_events WHERE seq = 2`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`UPDATE audit_events SET hash = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Signed checkpoints catch what a consistent chain cannot: truncation and wholesale rewriting.

/** Recomputes every hash from `fromSeq` on, as someone rewriting history would, and moves the head. */
async function rehashFrom(fromSeq: number): Promise<void> {
  const rows = await readRows();
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? GENESIS_HASH;
  await tamper(async (db) => {
    for (const r of rows.filter((x) => x.seq >= fromSeq)) {
      const hash = chainHash(prev, r);
      await db.updateTable("auditEvents").set({ prevHash: prev, hash }).where("seq", "=", r.seq).execute();
      prev = hash;
    }
  });
  await setHead(rows[rows.length - 1].seq, prev);
}

describe("checkpointAuditChain", () => {
  it("makes a clean truncation below the checkpoint show as checkpoint_missing, naming the cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        chainArb(5, 12).chain((events) =>
          fc.record({ events: fc.constant(events), keep: fc.nat(events.length - 1) }),
        ),
        async ({ events, keep }) => {
          await resetChain();
          fs.rmSync(t.config.auditCheckpointFile, { force: true });
          await writeChain(events);
          const checkpoint = (await checkpointAuditChain(t.sys))!;
          expect(checkpoint.seq).toBe(events.length);
          expect(await verifyAuditChain(t.sys)).toMatchObject({ ok: true, checkpoints: 1 });

          const rows = await readRows();
          await tamper((db) =>
            db
              .deleteFrom("auditEvents")
              .where("seq", ">", keep)
              .execute()
              .then(() => undefined),
          );
          await setHead(keep, keep === 0 ? GENESIS_HASH : rows[keep - 1].hash);

          const r = await verifyAuditChain(t.sys);
          expect(r).toMatchObject({
            ok: false,
            firstBad: { seq: checkpoint.seq, reason: "checkpoint_missing", chainEnd: keep },
          });
          // the chain itself is consistent: only the checkpoint tells
          fs.rmSync(t.config.auditCheckpointFile);
          expect(await verifyAuditChain(t.sys)).toMatchObject({ ok: true, count: keep });
        },
      ),
      { numRuns: 25 },
    );
  });

  it("makes a rewritten chain with consistent hashes show as checkpoint_mismatch", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(chainArb(3, 8), chainArb(0, 7)).chain(([before, after]) =>
          fc.record({
            before: fc.constant(before),
            after: fc.constant(after),
            index: fc.nat(before.length - 1),
            data: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1 }),
          }),
        ),
        async ({ before, after, index, data }) => {
          await resetChain();
          fs.rmSync(t.config.auditCheckpointFile, { force: true });
          await writeChain(before);
          const checkpoint = (await checkpointAuditChain(t.sys))!;
          await writeChain(after);
          expect(await verifyAuditChain(t.sys)).toMatchObject({ ok: true, checkpoints: 1 });

          const target = (await readRows())[index];
          const forged = JSON.stringify({
            ...(JSON.parse(target.dataJson) as object),
            ...data,
            forged: true,
          });
          await tamper((db) =>
            db
              .updateTable("auditEvents")
              .set({ dataJson: forged })
              .where("seq", "=", target.seq)
              .execute()
              .then(() => undefined),
          );
          expect((await verifyAuditChain(t.sys)).firstBad).toEqual({
            seq: target.seq,
            reason: "hash_mismatch",
          });

          await rehashFrom(target.seq);
          const r = await verifyAuditChain(t.sys);
          expect(r).toMatchObject({
            ok: false,
            firstBad: { seq: checkpoint.seq, reason: "checkpoint_mismatch" },
          });
          fs.rmSync(t.config.auditCheckpointFile);
          expect(await verifyAuditChain(t.sys)).toMatchObject({
            ok: true,
            count: before.length + after.length,
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  describe("a forged checkpoint line", () => {
    let real: Checkpoint;
    beforeEach(async () => {
      await writeChain(fc.sample(chainArb(6, 6), 1)[0]);
      real = (await checkpointAuditChain(t.sys))!;
      await writeChain(fc.sample(chainArb(2, 2), 1)[0]);
      expect(await verifyAuditChain(t.sys)).toMatchObject({ ok: true, count: 8, checkpoints: 1 });
    });

    const forge = async (line: string) => {
      fs.appendFileSync(t.config.auditCheckpointFile, `${line}\n`);
      return verifyAuditChain(t.sys);
    };

    it("is refused when it claims another hash, seq or time under a copied signature", async () => {
      const rows = await readRows();
      for (const forged of [
        { ...real, hash: rows[7].hash },
        { ...real, hash: flipHex(real.hash, 3) },
        { ...real, seq: 8, hash: rows[7].hash },
        { ...real, at: "2030-01-01T00:00:00.000Z" },
      ]) {
        fs.writeFileSync(t.config.auditCheckpointFile, `${JSON.stringify(real)}\n`);
        const r = await forge(JSON.stringify(forged));
        expect(r).toMatchObject({
          ok: false,
          checkpoints: 2,
          firstBad: { seq: forged.seq, reason: "checkpoint_mismatch" },
        });
      }
    });

    it("is refused when signed by a key other than the install's", async () => {
      const rows = await readRows();
      const { privateKey } = generateKeyPairSync("ed25519");
      const r = await forge(
        JSON.stringify(signCheckpoint(privateKey, { seq: 8, hash: rows[7].hash, at: real.at })),
      );
      expect(r).toMatchObject({ ok: false, firstBad: { seq: 8, reason: "checkpoint_mismatch" } });
    });

    it("is refused when the line is not a checkpoint at all", async () => {
      for (const line of [
        "garbage",
        "{",
        "{}",
        `{"seq":6,"hash":"${real.hash}","at":"${real.at}"}`,
        "null",
        "[]",
        "6",
      ]) {
        fs.writeFileSync(t.config.auditCheckpointFile, `${JSON.stringify(real)}\n`);
        // a verifier that throws on the line reports nothing, so that counts as a failure too
        const r = await forge(line).catch((e: unknown) => ({ threw: String(e) }));
        expect(r, line).toMatchObject({ ok: false, firstBad: { reason: "checkpoint_mismatch" } });
      }
    });

    it("makes every checkpoint untrusted once the signing key is gone", async () => {
      fs.rmSync(t.config.auditKeyFile);
      expect(await verifyAuditChain(t.sys)).toMatchObject({
        ok: false,
        firstBad: { seq: real.seq, reason: "checkpoint_mismatch" },
      });
    });
  });
});
