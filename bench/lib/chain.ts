import type Sqlite from "better-sqlite3";
import { newId } from "../../server/db/columns.ts";
import { type ChainedFields, chainHash } from "../../server/domain/audit/audit.chain.ts";

/**
 * The bare audit append, for baselines: read the chain head, hash the event with the product's
 * chainHash, insert it, advance the head. Call it inside the caller's transaction.
 */
export function bareAppend(db: Sqlite.Database) {
  const readHead = db.prepare(`select "seq", "hash" from "audit_head" where "id" = 1`);
  const insertEvent = db.prepare(
    `insert into "audit_events" ("seq", "id", "at", "actor_id", "actor_name", "scope_path", "type", "entity_type", "entity_id", "data_json", "ip", "prev_hash", "hash") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const writeHead = db.prepare(`update "audit_head" set "seq" = ?, "hash" = ? where "id" = 1`);
  return (fields: Omit<ChainedFields, "seq" | "id">) => {
    const head = readHead.get() as { seq: number; hash: string };
    const event = { seq: head.seq + 1, id: newId(), ...fields };
    const hash = chainHash(head.hash, event);
    insertEvent.run(
      event.seq,
      event.id,
      event.at,
      event.actorId,
      event.actorName,
      event.scopePath,
      event.type,
      event.entityType,
      event.entityId,
      event.dataJson,
      event.ip,
      head.hash,
      hash,
    );
    writeHead.run(event.seq, hash);
  };
}
