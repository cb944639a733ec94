import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
});
afterEach(() => t.close());

const publicPost = (url: string, payload: object) => t.app.inject({ method: "POST", url, payload });

describe("objections during the public notice (公示)", () => {
  it("must all be answered before the review ends, and an upheld one sends the item back", async () => {
    const p = await buildProblem(t, {
      owner: "450000",
      lead: "450100",
      stage: "public_review",
      isPublic: true,
    });
    const zgb = await t.as("zgb");
    const tokens = (await zgb("POST", `/api/v1/problems/${p.id}/ballot-tokens`, { count: 1 })).json().data
      .tokens;
    const lodged = await publicPost("/api/v1/public/objections", {
      problemCode: p.code,
      text: "村里的活动场所仍然锁着门",
      contact: "138****0000",
    });
    expect(lodged.statusCode, lodged.body).toBe(200);
    // The last ballot would close the review, but the objection waits for an answer.
    await publicPost("/api/v1/public/ballots", { token: tokens[0].token, choice: "satisfied" });
    const open = (await zgb("GET", `/api/v1/problems/${p.id}`)).json().data;
    expect(open.status).toBe("public_review");
    expect(open.objections).toHaveLength(1);
    expect(open.objections[0]).not.toHaveProperty("contact");
    const early = await zgb("POST", `/api/v1/problems/${p.id}/close-public-review`);
    expect(early.json()).toMatchObject({ status: 409, code: "objections_unanswered" });
    const answered = await zgb(
      "POST",
      `/api/v1/problems/${p.id}/objections/${open.objections[0].id}/answer`,
      {
        answer: "经核实情况属实，已责成整改",
        upheld: true,
      },
    );
    expect(answered.json().data.objections[0]).toMatchObject({ upheld: true });
    const closed = (await zgb("POST", `/api/v1/problems/${p.id}/close-public-review`)).json().data;
    expect(closed).toMatchObject({ status: "rectifying", reopenCount: 1 });
  });

  it("are refused for items not on public notice", async () => {
    const hidden = await buildProblem(t, {
      owner: "450000",
      lead: "450100",
      stage: "public_review",
      isPublic: false,
    });
    const res = await publicPost("/api/v1/public/objections", { problemCode: hidden.code, text: "异议" });
    expect(res.json()).toMatchObject({ status: 404, code: "not_on_public_notice" });
    const unknown = await publicPost("/api/v1/public/objections", {
      problemCode: "GX-2099-9999",
      text: "异议",
    });
    expect(unknown.statusCode).toBe(404);
  });
});
