// `npm run bench:data`: the provincial dataset the read and sweep scenarios run over — the demo
// seed plus 1,000,000 problems, 3,000,000 tasks and 5,000,000 audit events (a valid hash chain)
// over the Guangxi tree with the towns and villages of 南宁市 and 柳州市. Reused while its version
// matches; `--force` makes it anew. `BENCH_DATA` is the directory, `BENCH_DATA_PROBLEMS` the size.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import { loadConfig } from "../../server/config.ts";
import { systemContext } from "../../server/context.ts";
import { newId } from "../../server/db/columns.ts";
import { connect } from "../../server/db/connect.ts";
import { canonicalJson, chainHash } from "../../server/domain/audit/audit.chain.ts";
import { loadCalendar } from "../../server/domain/calendar/calendar.queries.ts";
import { shanghaiDate } from "../../server/domain/calendar/shanghai-date.ts";
import { campaignSettings } from "../../server/domain/campaigns/campaign.settings.ts";
import { productEnv, runNode } from "../lib/process.ts";
import {
  DATASET_VERSION,
  type DatasetInfo,
  datasetDir,
  datasetFile,
  readDataset,
  writeDataset,
} from "./info.ts";
import {
  type Branch,
  type Env,
  type Event,
  type Org,
  pickStage,
  random,
  type Synth,
  synthProblem,
} from "./synth.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = path.join(root, "bin", "rectify.js");
const BATCH = 20_000;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Times each phase; the figures go to stderr and into dataset.json. */
function phases() {
  const done: Record<string, number> = {};
  const t0 = performance.now();
  return {
    done,
    total: () => (performance.now() - t0) / 1000,
    async run<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
      const t = performance.now();
      const out = await fn();
      done[name] = Number(((performance.now() - t) / 1000).toFixed(1));
      log(`bench:data: ${name} ${done[name]} s`);
      return out;
    },
  };
}

interface Tree {
  province: Org;
  /** Per city: where its problems are led from. */
  cities: Branch[][];
  campaignId: string;
  settingsJson: string;
  counters: Map<string, number>;
}

/** The demo tree as branches: a county with towns leads and hands tasks to its towns and villages; elsewhere the city leads and its counties carry the tasks. */
function readTree(db: Sqlite.Database): Tree {
  const orgs = db
    .prepare(`select id, path, level, parent_id as parentId from orgs where kind = 'region' order by path`)
    .all() as (Org & { level: string; parentId: string | null })[];
  const kids = new Map<string, typeof orgs>();
  for (const o of orgs) if (o.parentId) kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), o]);
  const below = (o: Org): Org[] => (kids.get(o.id) ?? []).flatMap((k) => [k, ...below(k)]);
  const province = orgs.find((o) => o.level === "province");
  if (!province) throw new Error("no province in the demo seed");
  const cities = orgs
    .filter((o) => o.level === "city")
    .map((city) => {
      const counties = kids.get(city.id) ?? [];
      const withTowns = counties.filter((c) => (kids.get(c.id) ?? []).length > 0);
      return withTowns.length > 0
        ? withTowns.map((c) => ({ lead: c, below: below(c) }))
        : [{ lead: city as Org, below: counties as Org[] }];
    })
    .filter((branches) => branches.every((b) => b.below.length > 0));
  const campaign = db
    .prepare(`select id, settings_json as s from campaigns order by created_at limit 1`)
    .get() as {
    id: string;
    s: string;
  };
  const counters = new Map(
    (
      db.prepare(`select key, value from counters where key like 'problem:%'`).all() as {
        key: string;
        value: number;
      }[]
    ).map((c) => [c.key, c.value]),
  );
  return { province, cities, campaignId: campaign.id, settingsJson: campaign.s, counters };
}

/** An INSERT for `table` with the columns of `sample`, taking rows as objects. */
function inserter(db: Sqlite.Database, table: string, sample: Record<string, unknown>) {
  const keys = Object.keys(sample);
  const stmt = db.prepare(
    `insert into ${table} (${keys.map(snake).join(", ")}) values (${keys.map(() => "?").join(", ")})`,
  );
  return (row: Record<string, unknown>) => stmt.run(keys.map((k) => row[k] ?? null));
}

/** Drops a table's secondary indexes (and the FTS triggers) for the load; returns the SQL that makes them again. */
function dropIndexes(db: Sqlite.Database, tables: string[]): string[] {
  const rows = db
    .prepare(
      `select name, sql from sqlite_master where sql is not null and ((type = 'index' and tbl_name in (${tables
        .map(() => "?")
        .join(", ")})) or (type = 'trigger' and name like 'problems_fts_%'))`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const r of rows)
    db.exec(`drop ${r.sql.startsWith("CREATE TRIGGER") ? "trigger" : "index"} "${r.name}"`);
  return rows.map((r) => r.sql);
}

async function main(): Promise<number> {
  const dir = datasetDir();
  const force = process.argv.includes("--force");
  const problems = Number(process.env.BENCH_DATA_PROBLEMS ?? 1_000_000);
  const existing = readDataset(dir);
  if (existing && existing.problems === problems && !force) {
    log(
      `bench:data: reusing ${dir} (version ${existing.version}, ${existing.problems} problems, as of ${existing.asOf}); --force makes it anew`,
    );
    return 0;
  }
  const taskTarget = problems * 3;
  const eventTarget = problems * 5;
  const p = phases();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = datasetFile(dir);
  const env = productEnv(dir);
  log(`bench:data: ${problems} problems, ${taskTarget} tasks, ${eventTarget} audit events into ${file}`);
  await p.run("seed --demo", () => runNode("seed", [BIN, "seed", "--demo"], env));

  const now = new Date();
  const today = shanghaiDate(now);
  const { cal, tree } = await p.run("read tree and calendar", async () => {
    const database = connect({ sqliteFile: file });
    const ctx = systemContext({
      db: database.db,
      engine: "sqlite",
      config: loadConfig({ ...process.env, ...env }),
    });
    const cal = await loadCalendar(ctx);
    await database.close();
    const raw = new Sqlite(file, { readonly: true });
    const tree = readTree(raw);
    raw.close();
    return { cal, tree };
  });

  const db = new Sqlite(file);
  db.pragma("journal_mode = DELETE");
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("cache_size = -2000000");
  db.pragma("temp_store = MEMORY");
  const bulk = ["problems", "measures", "tasks", "progress_reports", "audit_events", "problem_scopes"];
  const recreate = dropIndexes(db, bulk);

  const synthEnv: Env = {
    today,
    cal,
    settings: campaignSettings(tree.settingsJson),
    campaignId: tree.campaignId,
    owner: tree.province,
    newId,
  };
  const head = db.prepare(`select seq, hash from audit_head where id = 1`).get() as {
    seq: number;
    hash: string;
  };
  const counts = { problems: 0, tasks: 0, reports: 0, auditEvents: 0 };
  const tasked = (s: string) => s !== "registered" && s !== "assigned";
  const insertEvent = db.prepare(
    `insert into audit_events (seq, id, at, actor_id, actor_name, scope_path, type, entity_type, entity_id, data_json, ip, prev_hash, hash) values (?, ?, ?, null, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const append = (e: Event) => {
    const row = {
      seq: head.seq + 1,
      id: newId(),
      at: e.at,
      actorId: null,
      actorName: "数据生成",
      scopePath: e.scopePath,
      type: e.type,
      entityType: e.entityType,
      entityId: e.entityId,
      dataJson: canonicalJson(e.data),
      ip: null,
    };
    const hash = chainHash(head.hash, row);
    insertEvent.run(
      row.seq,
      row.id,
      row.at,
      row.actorName,
      row.scopePath,
      row.type,
      row.entityType,
      row.entityId,
      row.dataJson,
      head.hash,
      hash,
    );
    head.seq = row.seq;
    head.hash = hash;
    counts.auditEvents += 1;
  };

  await p.run("problems, tasks, reports, audit chain", () => {
    const rnd = random(20261128);
    const inserters = new Map<string, (row: Record<string, unknown>) => unknown>();
    const put = (table: string, row: Record<string, unknown>) => {
      let insert = inserters.get(table);
      if (!insert) {
        insert = inserter(db, table, row);
        inserters.set(table, insert);
      }
      insert(row);
    };
    const write = (s: Synth) => {
      put("problems", s.problem);
      if (s.measure) put("measures", s.measure);
      for (const t of s.tasks) put("tasks", t);
      for (const r of s.reports) put("progress_reports", r);
      for (const e of s.events) append(e);
    };
    // Every tasked problem gets a lead task and two or three subtasks, spread so the total is exact.
    const stages = Array.from({ length: problems }, (_, i) =>
      i === problems - 1 ? "rectifying" : pickStage(rnd()),
    );
    const taskedCount = stages.filter(tasked).length;
    const extra = (taskTarget - 3 * taskedCount) / taskedCount;
    let k = 0;
    const tx = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const stage = stages[i];
        const branches = tree.cities[i % tree.cities.length];
        const branch = branches[Math.floor(rnd() * branches.length)];
        let taskCount = 0;
        if (tasked(stage)) {
          taskCount = 3 + Math.floor((k + 1) * extra) - Math.floor(k * extra);
          k += 1;
        }
        // Reports fill what the problem's own events leave of its share of the chain.
        const due = Math.floor(((i + 1) * eventTarget) / problems) - counts.auditEvents;
        const core =
          1 +
          (stage === "registered" ? 0 : 1) +
          (taskCount > 0 ? 1 : 0) +
          (stage === "closed" ? 2 : 0) +
          (stage === "closeout_requested" || stage === "public_review" ? 1 : 0);
        const year = Number(today.slice(0, 4));
        const key = `problem:${year - 1}`;
        const n = (tree.counters.get(key) ?? 0) + 1;
        tree.counters.set(key, n);
        const s = synthProblem(synthEnv, rnd, {
          code: `GX-${year - 1}-${String(n).padStart(7, "0")}`,
          branch,
          stage,
          taskCount,
          reportBudget: i === problems - 1 ? Math.max(0, due - core) : Math.min(Math.max(0, due - core), 8),
        });
        write(s);
        counts.problems += 1;
        counts.tasks += s.tasks.length;
        counts.reports += s.reports.length;
      }
    });
    for (let from = 0; from < problems; from += BATCH) {
      tx(from, Math.min(problems, from + BATCH));
      if ((from / BATCH) % 10 === 9)
        log(`bench:data: ${from + BATCH} problems, ${counts.auditEvents} events`);
    }
  });

  await p.run("problem_scopes", () => {
    db.exec(`insert or ignore into problem_scopes (problem_id, path)
      select problem_id, path from (
        select id as problem_id, owner_path as path from problems
        union select id, lead_path from problems where lead_path is not null
        union select problem_id, org_path from tasks
        union select c.problem_id, o.path from problem_co_orgs c join orgs o on o.id = c.org_id)
      order by path, problem_id`);
  });
  await p.run("indexes and triggers", () => {
    for (const sql of recreate) db.exec(sql);
  });
  await p.run("full-text index", () => db.exec(`insert into problems_fts(problems_fts) values ('rebuild')`));
  await p.run("chain head, counters, statistics", () => {
    db.prepare(`update audit_head set seq = ?, hash = ? where id = 1`).run(head.seq, head.hash);
    const upsert = db.prepare(
      `insert into counters (key, value) values (?, ?) on conflict (key) do update set value = excluded.value`,
    );
    for (const [key, value] of tree.counters) upsert.run(key, value);
    db.pragma("analysis_limit = 1000");
    db.exec("analyze");
  });
  const scopes = (db.prepare(`select count(*) as n from problem_scopes`).get() as { n: number }).n;
  db.pragma("locking_mode = NORMAL");
  db.pragma("journal_mode = WAL");
  db.close();

  const info: DatasetInfo = {
    version: DATASET_VERSION,
    asOf: today,
    ...counts,
    problemScopes: scopes,
    seconds: Number(p.total().toFixed(1)),
    phases: p.done,
    generatedAt: now.toISOString(),
  };
  await p.run("rectify audit verify", () => runNode("audit", [BIN, "audit", "verify"], env));
  writeDataset(dir, info);
  log(
    `bench:data: done in ${p.total().toFixed(1)} s: ${JSON.stringify(counts)}, ${scopes} problem_scopes rows`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`bench:data: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
