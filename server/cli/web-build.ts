import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string, skip: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === skip || full.startsWith(`${skip}.`) || entry.name === "node_modules") continue;
    const t = entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, t);
  }
  return newest;
}

/** True when index.html exists and every asset it references is there too. */
function bundleComplete(webDist: string): boolean {
  const index = path.join(webDist, "index.html");
  if (!fs.existsSync(index)) return false;
  const refs = [...fs.readFileSync(index, "utf8").matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(
    (m) => m[1],
  );
  return refs.every((r) => fs.existsSync(path.join(webDist, r)));
}

/**
 * Builds the web bundle when it is missing, incomplete or older than its sources. The build goes
 * to a sibling folder that then replaces the old one, so a running server never sees half a bundle.
 */
export async function ensureWebBuilt(webDist: string, log: (msg: string) => void): Promise<void> {
  const webSrc = path.resolve("web");
  if (!fs.existsSync(path.join(webSrc, "vite.config.ts"))) return;
  const index = path.join(webDist, "index.html");
  const built = bundleComplete(webDist) ? fs.statSync(index).mtimeMs : 0;
  if (built >= newestMtime(webSrc, webDist)) return;
  log("building the web bundle (first start or sources changed)…");
  const { build } = await import("vite");
  const staging = `${webDist}.building-${process.pid}`;
  await build({
    configFile: path.join(webSrc, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: staging, emptyOutDir: true },
  });
  const old = `${webDist}.old-${process.pid}`;
  if (fs.existsSync(webDist)) fs.renameSync(webDist, old);
  fs.renameSync(staging, webDist);
  fs.rmSync(old, { recursive: true, force: true });
}
