import fs from "node:fs";
import path from "node:path";

/** Bump when the generated data changes shape: an older dataset is then made anew. */
export const DATASET_VERSION = 1;

/** Where `npm run bench:data` writes and `npm run bench` looks: `BENCH_DATA`, else /tmp/rectify-bench-data. */
export const datasetDir = (env: NodeJS.ProcessEnv = process.env) =>
  env.BENCH_DATA || "/tmp/rectify-bench-data";

export interface DatasetInfo {
  version: number;
  /** The Shanghai date the lights were computed for. */
  asOf: string;
  problems: number;
  tasks: number;
  reports: number;
  auditEvents: number;
  problemScopes: number;
  seconds: number;
  phases: Record<string, number>;
  generatedAt: string;
}

export const datasetFile = (dir: string) => path.join(dir, "rectify.db");
const infoFile = (dir: string) => path.join(dir, "dataset.json");

/** The finished dataset in `dir`, or null when there is none of this version. */
export function readDataset(dir: string): DatasetInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(infoFile(dir), "utf8")) as DatasetInfo;
    if (info.version !== DATASET_VERSION || !fs.existsSync(datasetFile(dir))) return null;
    return info;
  } catch {
    return null;
  }
}

export function writeDataset(dir: string, info: DatasetInfo): void {
  fs.writeFileSync(infoFile(dir), `${JSON.stringify(info, null, 2)}\n`);
}
