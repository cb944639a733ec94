import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";

/**
 * The product's settings for a bench run over `dataDir`: SQLite there, demo accounts without MFA,
 * quiet logs, no web bundle built or served.
 */
export function productEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    NODE_ENV: "development",
    DEMO: "1",
    REQUIRE_MFA: "0",
    WEB_BUILD: "0",
    WEB_DIST: path.join(dataDir, "no-web"),
  };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; released just before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  name: string;
  proc: ChildProcess;
  /** The last lines the child wrote, for error messages. */
  tail(): string;
  exited: Promise<number | null>;
}

/**
 * Starts `node …args` with `env` added to ours; the child's output goes to our stderr, prefixed,
 * so stdout stays the JSON lines. `cpu` pins it with taskset.
 */
export function startNode(name: string, args: string[], env: Record<string, string>, cpu?: number): Child {
  const argv =
    cpu === undefined
      ? [process.execPath, ...args]
      : ["taskset", "-c", String(cpu), process.execPath, ...args];
  const proc = spawn(argv[0], argv.slice(1), {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => {
      if (!line.trim()) return;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      process.stderr.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { name, proc, tail: () => lines.join("\n"), exited };
}

/** Runs a node command to completion; throws with its output when it fails. */
export async function runNode(name: string, args: string[], env: Record<string, string>): Promise<void> {
  const child = startNode(name, args, env);
  const code = await child.exited;
  if (code !== 0) throw new Error(`${name} exited with ${code}:\n${child.tail()}`);
}

/** Polls `url` until it answers 200; fails early when the child dies. */
export async function waitHealthy(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void child.exited.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${child.name} exited before it was healthy:\n${child.tail()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} not healthy at ${url} after ${timeoutMs} ms:\n${child.tail()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: Child, graceMs = 5_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill("SIGTERM");
  const timer = setTimeout(() => child.proc.kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}
