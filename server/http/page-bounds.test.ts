import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../test/support.ts";

// No list answers an unbounded page: every `limit` the API takes has a maximum, and a larger one
// is refused with a 400 problem+json before any query runs.
const MAX_PAGE = 500;

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
});
afterAll(() => t.close());

describe("page-size bounds", () => {
  it("every documented limit has a maximum of at most 500, and one past it is refused", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<
        string,
        { get?: { parameters?: { in: string; name: string; schema?: { maximum?: number } }[] } }
      >;
    };
    const paged = Object.entries(spec.paths).flatMap(([path, ops]) => {
      const limit = ops.get?.parameters?.find((p) => p.in === "query" && p.name === "limit");
      return limit ? [{ path, max: limit.schema?.maximum }] : [];
    });
    expect(paged.map((p) => p.path)).toEqual(
      expect.arrayContaining(["/api/v1/problems", "/api/v1/tasks", "/api/v1/audit", "/api/v1/notices"]),
    );
    const call = await t.as("zgb");
    for (const { path, max } of paged) {
      expect(max, path).toBeDefined();
      expect(max as number, path).toBeLessThanOrEqual(MAX_PAGE);
      if (path.includes("{")) continue;
      const res = await call("GET", `${path}?limit=${(max as number) + 1}`);
      expect(res.statusCode, path).toBe(400);
      expect(res.headers["content-type"], path).toContain("application/problem+json");
    }
  });
});
