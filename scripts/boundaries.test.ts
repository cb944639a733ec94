import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkBoundaries, domainCycles } from "./check-boundaries.ts";

const root = process.cwd();
const written: string[] = [];

/** Writes a probe file inside the tree (removed after each test) and returns its repo path. */
function probe(file: string, text: string): string {
  const name = `boundary-probe-${process.pid}`;
  const rel = file.replace("PROBE", name);
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text.replaceAll("PROBE", name));
  written.push(rel);
  return rel;
}

afterEach(() => {
  for (const f of written.splice(0)) fs.rmSync(path.join(root, f), { force: true });
});

/** Runs the check exactly as `npm run check` does, on the given files; its exit code and output. */
function runCheck(files: string[]): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/check-boundaries.ts", ...files], {
      cwd: root,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { code: 0, output: out };
  } catch (e) {
    const err = e as { status: number; stderr: string; stdout: string };
    return { code: err.status, output: `${err.stdout}${err.stderr}` };
  }
}

describe("the layer check", () => {
  it("fails `npm run check` on a domain file that imports the HTTP door, and passes once it is gone", () => {
    const bad = probe("server/domain/PROBE.ts", 'export { buildApp } from "./../http/app.ts";\n');
    const failed = runCheck([bad]);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(`${bad}:1 imports "./../http/app.ts"`);
    expect(failed.output).toContain("server/domain must not import server/http");
    fs.writeFileSync(path.join(root, bad), 'export { inTx } from "../context.ts";\n');
    expect(runCheck([bad]).code).toBe(0);
  });

  it("refuses every door from the domain, by where the import lands rather than how it is spelt", () => {
    const files = [
      probe("server/domain/problems/PROBE.ts", 'import "../../cli/args.ts";\n'),
      probe("server/domain/problems/PROBE.jobs.ts", 'const j = () => import("../../jobs/scheduler.ts");\n'),
      probe(
        "server/domain/problems/PROBE.docs.ts",
        'import type { X } from "../../documents/official-doc.ts";\n',
      ),
      probe("server/domain/PROBE.notify.ts", 'import { deliver } from "./../notifications/delivery.ts";\n'),
    ];
    const found = checkBoundaries(root, files);
    expect(found.map((v) => v.rule.split(" (")[0])).toEqual([
      "server/domain must not import server/cli",
      "server/domain must not import server/jobs",
      "server/domain must not import server/documents",
      "server/domain must not import server/notifications",
    ]);
    // The domain's own notifications module is not the delivery door.
    const fine = probe("server/domain/audit/PROBE.ts", 'import "../notifications/notification.rules.ts";\n');
    expect(checkBoundaries(root, [fine])).toEqual([]);
  });

  it("keeps HTTP-driving tests out of the domain", () => {
    const bad = probe(
      "server/domain/problems/PROBE.test.ts",
      'import { testApp, testDb } from "../../test/support.ts";\n',
    );
    const ok = probe(
      "server/domain/problems/PROBE.ok.test.ts",
      'import { testDb } from "../../test/support.ts";\n',
    );
    expect(checkBoundaries(root, [bad, ok]).map((v) => v.file)).toEqual([bad]);
  });

  it("keeps db under the domain, the web apart from the server, and the contract free of node, react and kysely", () => {
    const files = [
      probe(
        "server/db/migrations/PROBE.ts",
        'import { officialDays } from "../../domain/calendar/official-days.ts";\n',
      ),
      probe("web/pages/PROBE.tsx", 'import { loadConfig } from "../../server/config.ts";\n'),
      probe("contract/PROBE.ts", 'import fs from "node:fs";\nimport path from "path";\n'),
      probe(
        "contract/schemas/PROBE.ts",
        'import { useState } from "react";\nimport type { Kysely } from "kysely";\n',
      ),
    ];
    expect(checkBoundaries(root, files).map((v) => `${v.file.split("/")[0]}: ${v.specifier}`)).toEqual([
      "server: ../../domain/calendar/official-days.ts",
      "web: ../../server/config.ts",
      "contract: node:fs",
      "contract: path",
      "contract: react",
      "contract: kysely",
    ]);
  });

  it("passes on the whole tree as committed", () => {
    expect(checkBoundaries(root)).toEqual([]);
  });

  it("lists module pairs of server/domain that import each other", () => {
    const a = probe(
      "server/domain/PROBE-a/a.ts",
      'export { b } from "../PROBE-b/b.ts";\nexport const a = 1;\n',
    );
    const b = probe(
      "server/domain/PROBE-b/b.ts",
      'import { a } from "../PROBE-a/a.ts";\nexport const b = a;\n',
    );
    const pair = domainCycles(root).find((p) => p.a === a.split("/")[2]);
    expect(pair).toMatchObject({ b: b.split("/")[2] });
    expect(pair?.via).toHaveLength(2);
    for (const f of [a, b]) fs.rmSync(path.dirname(path.join(root, f)), { recursive: true, force: true });
  });
});
