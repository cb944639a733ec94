import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueBallotTokens } from "../../domain/problems/public-review.commands.ts";
import { buildProblem } from "../../test/problems.ts";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe("castBallot under concurrency", () => {
  it("counts every one of 50 ballots cast at once on one item", async () => {
    const p = await buildProblem(t, { owner: "450000", lead: "450100", stage: "public_review" });
    // 51 tokens: the review stays open, so the counts are read as the ballots left them.
    const { tokens } = await issueBallotTokens(t.sys, { problemId: p.id, count: 51 });
    const cast = tokens.slice(0, 50).map((tk, i) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/public/ballots",
        payload: { token: tk.token, choice: i % 5 === 0 ? "dissatisfied" : "satisfied" },
      }),
    );
    const answers = await Promise.all(cast);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(200));

    const row = await t.database.db
      .selectFrom("problems")
      .select(["satisfactionJson", "status"])
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.satisfactionJson ?? "{}")).toEqual({ satisfied: 40, dissatisfied: 10 });
    expect(row.status).toBe("public_review");

    // The last token closes the review with all 51 votes counted.
    const last = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/ballots",
      payload: { token: tokens[50].token, choice: "satisfied" },
    });
    expect(last.statusCode).toBe(200);
    const closed = await t.database.db
      .selectFrom("problems")
      .select(["satisfactionJson", "status"])
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(closed.satisfactionJson ?? "{}")).toEqual({ satisfied: 41, dissatisfied: 10 });
    expect(closed.status).not.toBe("public_review");
  });
});
