import { v7 as uuidv7 } from "uuid";

/** A new sortable id (UUIDv7 text). */
export const newId = (): string => uuidv7();

/** ISO-8601 UTC text, the one time format stored in the database. */
export const iso = (d: Date): string => d.toISOString();

/** Booleans are stored as 0/1 on both engines. */
export const bit = (b: boolean): number => (b ? 1 : 0);
