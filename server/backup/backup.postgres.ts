import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** A libpq connection for the tools: the URL without its password, which goes in PGPASSWORD. */
export function toolConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

/** The major version of a `pg_dump --version` line ("pg_dump (PostgreSQL) 15.20 (Debian …)" → 15). */
export function toolMajor(versionLine: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return m ? Number(m[1]) : null;
}

/**
 * Finds `pg_dump` or `pg_restore` at least as new as the server: the server's own major version
 * under /usr/lib/postgresql first, then /usr/bin, then any newer installed major.
 */
export async function findPgTool(name: "pg_dump" | "pg_restore", serverMajor: number): Promise<string> {
  const root = "/usr/lib/postgresql";
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= serverMajor)
        .sort((a, b) => a - b)
    : [];
  const candidates = [
    `${root}/${serverMajor}/bin/${name}`,
    `/usr/bin/${name}`,
    ...majors.map((m) => `${root}/${m}/bin/${name}`),
  ];
  const seen: string[] = [];
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const { stdout } = await run(file, ["--version"]).catch(() => ({ stdout: "" }));
    const major = toolMajor(stdout);
    seen.push(`${file} (${stdout.trim() || "no version"})`);
    if (major !== null && major >= serverMajor) return file;
  }
  throw new Error(
    `no ${name} for PostgreSQL ${serverMajor} or newer: install the client tools of the server's version` +
      (seen.length ? `; found ${seen.join(", ")}` : ` (looked in ${root}/*/bin and /usr/bin)`),
  );
}

/** The server's major version (150020 → 15). */
export async function serverMajor(client: pg.Client): Promise<number> {
  const r = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(r.rows[0].v) / 10000);
}

/** Runs a tool; on failure throws with its stderr, so the message says what PostgreSQL said. */
export async function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(file, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${file} failed: ${(err.stderr || err.message).trim()}`);
  }
}

/** A client on `databaseUrl` whose search_path is `schema` when given. */
export async function openClient(databaseUrl: string, schema?: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  await client.connect();
  return client;
}
