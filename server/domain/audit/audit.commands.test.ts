import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEventType } from "../../../contract/audit-events.ts";
import { inTx } from "../../context.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { type AuditInput, recordAudit } from "./audit.commands.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(() => t.close());

const target = { entityType: "org", entityId: "o", scopePath: "/450000/" };
const head = () => t.database.db.selectFrom("auditHead").select(["seq", "hash"]).executeTakeFirstOrThrow();

describe("recordAudit", () => {
  it("writes an event whose payload has its type's shape", async () => {
    const before = await head();
    await inTx(t.sys, (ctx) =>
      recordAudit(ctx, { ...target, type: "org.renamed", data: { from: "旧名", to: "新名" } }),
    );
    expect((await head()).seq).toBe(before.seq + 1);
  });

  it("refuses a type no one declared, at run time as at compile time, and writes nothing", async () => {
    const before = await head();
    const unknown = { ...target, type: "org.painted" as AuditEventType, data: {} } as AuditInput;
    await expect(inTx(t.sys, (ctx) => recordAudit(ctx, unknown))).rejects.toThrow(
      "unknown audit event type: org.painted",
    );
    expect(await head()).toEqual(before);
  });

  it("is checked by the compiler against each type's payload", () => {
    // Never called: these lines only have to fail type checking (`npm run check`).
    const typeChecks = (ctx: Parameters<typeof recordAudit>[0]) => [
      // @ts-expect-error an event type that does not exist
      recordAudit(ctx, { ...target, type: "org.painted", data: {} }),
      // @ts-expect-error a payload of another type
      recordAudit(ctx, { ...target, type: "org.renamed", data: { count: 1 } }),
      // @ts-expect-error a payload missing a field
      recordAudit(ctx, { ...target, type: "org.renamed", data: { from: "旧名" } }),
      // @ts-expect-error a payload on an event that carries none
      recordAudit(ctx, { ...target, type: "auth.logged_out", data: { reason: "x" } }),
      recordAudit(ctx, { ...target, type: "auth.logged_out" }),
    ];
    expect(typeof typeChecks).toBe("function");
  });
});
