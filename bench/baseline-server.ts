// The baseline every scenario is compared to: bare Fastify + better-sqlite3 over the bench database,
// with the product's pragmas and each scenario's SQL, but no auth, no validation, no audit plugin.
import Sqlite from "better-sqlite3";
import Fastify from "fastify";
import { loadScenarios } from "./lib/scenario.ts";

const file = process.env.BENCH_DB_FILE;
const port = Number(process.env.PORT);
if (!file || !Number.isInteger(port)) throw new Error("set BENCH_DB_FILE and PORT");

const db = new Sqlite(file);
// The same pragmas as server/db/connect.ts.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");

const app = Fastify({ logger: false });
app.get("/healthz", async () => ({ status: "ok" }));
for (const s of await loadScenarios()) if (s.kind === "read" || s.kind === "write") s.baseline(app, db);

const shutdown = async () => {
  await app.close();
  db.close();
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
await app.listen({ port, host: "127.0.0.1" });
