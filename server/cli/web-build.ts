import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string, skip: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === skip || entry.name === "node_modules") continue;
    const t = entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, t);
  }
  return newest;
}

/** Builds the web bundle when it is missing or older than its sources. */
export async function ensureWebBuilt(webDist: string, log: (msg: string) => void): Promise<void> {
  const webSrc = path.resolve("web");
  if (!fs.existsSync(path.join(webSrc, "vite.config.ts"))) return;
  const index = path.join(webDist, "index.html");
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built >= newestMtime(webSrc, webDist)) return;
  log("building the web bundle (first start or sources changed)…");
  const { build } = await import("vite");
  await build({
    configFile: path.join(webSrc, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: webDist },
  });
}
