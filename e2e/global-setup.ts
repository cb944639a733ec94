import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { ensureWebBuilt } from "../server/cli/web-build.ts";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const WEB_DIST = path.join(REPO_ROOT, "web", "dist");

declare module "vitest" {
  export interface ProvidedContext {
    /** The web bundle the test servers serve. */
    webRoot: string;
  }
}

/** Builds web/ into web/dist once, when the bundle is missing, incomplete or stale. */
export default async function setup(project: TestProject): Promise<void> {
  const cwd = process.cwd();
  process.chdir(REPO_ROOT); // ensureWebBuilt resolves web/ against the working directory
  try {
    await ensureWebBuilt(WEB_DIST, (msg) => console.log(`[e2e] ${msg}`));
  } finally {
    process.chdir(cwd);
  }
  project.provide("webRoot", WEB_DIST);
}
