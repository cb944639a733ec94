import fs from "node:fs";
import { describe, expect, it } from "vitest";

describe("README", () => {
  it("documents every setting the server reads", () => {
    const config = fs.readFileSync("server/config.ts", "utf8");
    const readme = fs.readFileSync("README.md", "utf8");
    const settings = [...config.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]);
    expect(settings.length).toBeGreaterThan(15);
    const missing = [...new Set(settings)].filter((s) => !readme.includes(`\`${s}\``));
    expect(missing).toEqual([]);
  });
});
