import { createRequire } from "node:module";
import type { DivisionRow } from "./org.commands.ts";

const require = createRequire(import.meta.url);

/** Guangxi: the region, its 14 cities and 111 county-level units (GB/T 2260). */
export function guangxiDivisions(): DivisionRow[] {
  const rows = require("./data/guangxi-divisions.json") as {
    code: string;
    name: string;
    parent_code: string | null;
    level: string;
  }[];
  return rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code, level: r.level }));
}

/** Towns and villages of the counties whose code starts with one of `prefixes` (all when empty). */
export function guangxiTownsAndVillages(prefixes: string[] = []): DivisionRow[] {
  const data = require("./data/guangxi-towns-villages.json") as {
    towns: [string, string, string][];
    villages: [string, string, string][];
  };
  const keep = (code: string) => prefixes.length === 0 || prefixes.some((p) => code.startsWith(p));
  return [
    ...data.towns
      .filter((t) => keep(t[0]))
      .map(([code, name, parentCode]) => ({ code, name, parentCode, level: "town" })),
    ...data.villages
      .filter((v) => keep(v[0]))
      .map(([code, name, parentCode]) => ({ code, name, parentCode, level: "village" })),
  ];
}
