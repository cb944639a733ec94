import { afterEach, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe("/metrics", () => {
  it("is open to a scrape when no token is configured", async () => {
    t = await testApp();
    const res = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("http_request_duration_seconds");
  });

  it("answers only the configured bearer token, with a 401 problem in both languages otherwise", async () => {
    t = await testApp({ metricsToken: "scrape-secret" });
    for (const authorization of [undefined, "Bearer wrong", "scrape-secret", "Bearer scrape-secret2"]) {
      for (const lang of ["zh-CN", "en"]) {
        const res = await t.app.inject({
          method: "GET",
          url: "/metrics",
          headers: { ...(authorization && { authorization }), "accept-language": lang },
        });
        expect(res.statusCode, String(authorization)).toBe(401);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json().title).toBe(lang === "en" ? "Please sign in" : "请先登录");
        expect(res.body).not.toContain("http_request_duration_seconds");
      }
    }
    const ok = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer scrape-secret" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("process_cpu_seconds_total");
  });
});
