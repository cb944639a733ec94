import { newId } from "../db/columns.ts";
import type { Db } from "../db/connect.ts";
import { chainHash } from "../domain/audit/audit.chain.ts";

/** Appends `n` well-formed events straight to the chain (as recordAudit would, in bulk). */
export async function appendEvents(db: Db, n: number, at: string): Promise<number> {
  let head = await db
    .selectFrom("auditHead")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  for (let done = 0; done < n; ) {
    const rows = [];
    for (const end = Math.min(n, done + 500); done < end; done++) {
      const row = {
        seq: head.seq + 1,
        id: newId(),
        at,
        actorId: null,
        actorName: "bulk",
        scopePath: "/450000/",
        type: "org.created",
        entityType: "org",
        entityId: newId(),
        dataJson: `{"n":${head.seq + 1}}`,
        ip: null,
      };
      const hash = chainHash(head.hash, row);
      rows.push({ ...row, prevHash: head.hash, hash });
      head = { seq: row.seq, hash };
    }
    await db.insertInto("auditEvents").values(rows).execute();
  }
  await db.updateTable("auditHead").set(head).where("id", "=", 1).execute();
  return head.seq;
}
