import { Session } from "node:inspector/promises";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `fn` under V8's sampling profiler and returns the profile of that span only. */
export async function profiled(fn: () => Promise<void>): Promise<Profile> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  try {
    await fn();
    return (await session.post("Profiler.stop")).profile as Profile;
  } finally {
    session.disconnect();
  }
}

/** Where a sample's time belongs: SQLite itself, Kysely, the product's own code, or the rest. */
function part(f: CallFrame): string {
  // better-sqlite3's native Statement methods carry no script URL; Kysely's driver calls them.
  const native = f.url === "" && ["all", "run", "get", "iterate"].includes(f.functionName);
  if (native || (f.functionName === "executeQuery" && f.url.includes("sqlite-driver")))
    return "SQLite (statements run, commit fsync)";
  if (f.url.includes("node_modules/kysely")) return "Kysely (build, compile, plugins)";
  if (f.url.includes("/server/")) return "product code";
  if (f.functionName === "(garbage collector)") return "garbage collector";
  return "other (Node, crypto, promises)";
}

/** Self time by part, then the top functions, as printable lines. */
export function summary(profile: Profile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id) as CallFrame;
    if (f.functionName === "(idle)") return;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    parts.set(part(f), (parts.get(part(f)) ?? 0) + dt);
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules\/)?/, "")}`;
    fns.set(key, (fns.get(key) ?? 0) + dt);
  });
  const lines = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
  return [
    "self time by part:",
    ...lines(parts, 10),
    `top ${top} functions by self time:`,
    ...lines(fns, top),
  ];
}
