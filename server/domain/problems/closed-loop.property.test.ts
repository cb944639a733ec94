import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../context.ts";
import { withActor } from "../../context.ts";
import { ALL_CHECKS, buildProblem, PNG_BYTES } from "../../test/problems.ts";
import { type TestDb, testDb } from "../../test/support.ts";
import { publicActor } from "../access/actor.ts";
import { uploadAttachment } from "../attachments/attachment.commands.ts";
import { DomainError } from "../errors.ts";
import { addMeasure, decomposeMeasure } from "../tasks/measure.commands.ts";
import { acceptTask, completeTask, returnTask, submitProgressReport } from "../tasks/task.commands.ts";
import { requestCloseOut, reviewCloseOut } from "./closeout.commands.ts";
import { followUpProblem, stageCloseProblem, withdrawProblem } from "./problem.commands.ts";
import { getProblemDetail } from "./problem.view.ts";
import { castBallot, closePublicReview, issueBallotTokens } from "./public-review.commands.ts";

const ROLES = ["coordinator", "supervisor", "unit_lead", "unit_staff", "leader", "outsider"] as const;
type Who = (typeof ROLES)[number];

const ACTIONS = [
  "addMeasure",
  "decompose",
  "report",
  "complete",
  "accept",
  "return",
  "requestCloseOut",
  "approve",
  "reject",
  "issueTokens",
  "voteYes",
  "voteNo",
  "closeReview",
  "stageClose",
  "followUpOk",
  "followUpRelapse",
  "withdraw",
] as const;
type Action = (typeof ACTIONS)[number];

/** The audit event type each accepted action must append exactly once. */
const EVENT: Record<Action, string> = {
  addMeasure: "measure.added",
  decompose: "task.decomposed",
  report: "task.reported",
  complete: "task.completed",
  accept: "task.accepted",
  return: "task.returned",
  requestCloseOut: "problem.closeout_requested",
  approve: "problem.review_approved",
  reject: "problem.review_rejected",
  issueTokens: "ballot.tokens_issued",
  voteYes: "ballot.cast",
  voteNo: "ballot.cast",
  closeReview: "problem.public_review_closed",
  stageClose: "problem.stage_closed",
  followUpOk: "problem.followed_up",
  followUpRelapse: "problem.followed_up",
  withdraw: "problem.withdrawn",
};

/** Who would normally take each action; steps mostly use them so runs get deep into the loop. */
const USUAL: Record<Action, Who> = {
  addMeasure: "unit_lead",
  decompose: "unit_lead",
  report: "unit_staff",
  complete: "unit_staff",
  accept: "unit_lead",
  return: "unit_lead",
  requestCloseOut: "unit_lead",
  approve: "supervisor",
  reject: "supervisor",
  issueTokens: "coordinator",
  voteYes: "outsider",
  voteNo: "outsider",
  closeReview: "coordinator",
  stageClose: "coordinator",
  followUpOk: "supervisor",
  followUpRelapse: "coordinator",
  withdraw: "coordinator",
};

const HAPPY: Action[] = [
  "addMeasure",
  "decompose",
  "report",
  "requestCloseOut",
  "approve",
  "issueTokens",
  "voteYes",
  "voteYes",
  "followUpRelapse",
];

/**
 * A sequence is the usual path through the loop with steps dropped, votes flipped and random
 * steps by random roles slipped in, so runs reach every state and still try everything illegal.
 */
const sequence = fc
  .tuple(
    // 0 drops a step (only every third one may go) or flips a vote: each one time in four.
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: HAPPY.length, maxLength: HAPPY.length }),
    fc.array(fc.tuple(fc.nat(HAPPY.length), fc.constantFrom(...ROLES), fc.constantFrom(...ACTIONS)), {
      maxLength: 12,
    }),
  )
  .map(([dice, noise]) => {
    const steps: (readonly [Who, Action])[] = HAPPY.flatMap((a, i) => {
      if (dice[i] === 0 && i % 3 === 2) return [];
      const action: Action = dice[i] === 0 && a === "voteYes" ? "voteNo" : a;
      return [[USUAL[action], action] as const];
    });
    for (const [at, who, action] of noise) steps.splice(at, 0, [who, action] as const);
    return steps;
  });
const seen = new Set<string>();

let t: TestDb;
const actors = new Map<Who, Ctx>();
beforeAll(async () => {
  t = await testDb();
  const grants: Record<Who, [string, string]> = {
    coordinator: ["coordinator", "450000"],
    supervisor: ["supervisor", "450000"],
    unit_lead: ["unit_lead", "450100"],
    unit_staff: ["unit_staff", "450102"],
    leader: ["leader", "450000"],
    outsider: ["unit_lead", "450200"],
  };
  for (const who of ROLES) {
    const [role, code] = grants[who];
    actors.set(who, await t.ctxFor(await t.build.user({ roles: [[role as never, code]] })));
  }
});
afterAll(() => t.close());

async function run(problemId: string, who: Who, action: Action, tokens: string[]) {
  const ctx = actors.get(who)!;
  const p = await getProblemDetail(t.sys, problemId);
  const task = p.measures.flatMap((m) => m.tasks)[0];
  const measure = p.measures[0];
  const id = { problemId };
  switch (action) {
    case "addMeasure":
      return addMeasure(ctx, { ...id, title: "补充措施", deadline: "2026-12-30" });
    case "decompose":
      return decomposeMeasure(ctx, {
        measureId: measure?.id ?? "none",
        tasks: [{ orgId: t.org("450102").id }],
      });
    case "report": {
      const file =
        who === "unit_staff" || who === "unit_lead"
          ? await uploadAttachment(ctx, { bytes: PNG_BYTES, fileName: "p.png" })
          : null;
      return submitProgressReport(ctx, {
        taskId: task?.id ?? "none",
        percent: 100,
        text: "完成",
        attachmentIds: file ? [file.id] : [],
      });
    }
    case "complete":
      return completeTask(ctx, { taskId: task?.id ?? "none", text: "完成" });
    case "accept":
      return acceptTask(ctx, { taskId: task?.id ?? "none" });
    case "return":
      return returnTask(ctx, { taskId: task?.id ?? "none", reason: "不合格" });
    case "requestCloseOut": {
      const evidence = p.reports.flatMap((r) => r.attachments).map((a) => a.id);
      return requestCloseOut(ctx, {
        ...id,
        summary: "完成",
        attachmentIds: evidence.length ? evidence : ["none"],
      });
    }
    case "approve":
      return reviewCloseOut(ctx, { ...id, decision: "approve", checklist: ALL_CHECKS });
    case "reject":
      return reviewCloseOut(ctx, { ...id, decision: "reject", checklist: ALL_CHECKS, reason: "证据不足" });
    case "issueTokens": {
      const issued = await issueBallotTokens(ctx, { ...id, count: 2 });
      tokens.push(...issued.tokens.map((x) => x.token));
      return issued;
    }
    case "voteYes":
    case "voteNo":
      return castBallot(withActor(t.sys, publicActor()), {
        token: tokens.shift() ?? "no-token-left-here",
        choice: action === "voteYes" ? "satisfied" : "dissatisfied",
      });
    case "closeReview":
      return closePublicReview(ctx, id);
    case "stageClose":
      return stageCloseProblem(ctx, { ...id, summary: "阶段成效" });
    case "followUpOk":
    case "followUpRelapse":
      return followUpProblem(ctx, {
        ...id,
        outcome: action === "followUpOk" ? "ok" : "relapse",
        note: "回头看",
      });
    case "withdraw":
      return withdrawProblem(ctx, { ...id, kind: "withdrawn", reason: "撤销" });
  }
}

const auditTypes = async (problemId: string) =>
  (
    await t.database.db
      .selectFrom("auditEvents")
      .select("type")
      .where("entityId", "=", problemId)
      .orderBy("seq")
      .execute()
  ).map((r) => r.type);

describe("random action sequences by random roles", () => {
  it("never close an item as rectified without review and public approval, and keep every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(
        sequence,
        fc.constantFrom("deadline" as const, "long_term" as const),
        async (steps, rectifyType) => {
          const { id } = await buildProblem(t, {
            owner: "450000",
            lead: "450100",
            stage: "rectifying",
            rectifyType,
          });
          const tokens: string[] = [];
          let reopen = 0;
          for (const [who, action] of steps) {
            const before = await auditTypes(id);
            let accepted = true;
            try {
              await run(id, who, action, tokens);
            } catch (e) {
              if (!(e instanceof DomainError)) throw e;
              expect(e.status).toBeLessThan(500);
              accepted = false;
            }
            const after = await auditTypes(id);
            const added = after.slice(before.length);
            if (!accepted) {
              expect(added).toEqual([]);
              continue;
            }
            // Exactly one event of the action's own type; the last ballot may also close the review.
            expect(added.filter((x) => x === EVENT[action])).toHaveLength(1);
            expect(
              added.filter((x) => x !== EVENT[action]).every((x) => x === "problem.public_review_closed"),
            ).toBe(true);
            const p = await getProblemDetail(t.sys, id);
            seen.add(`${p.status}/${p.closureKind ?? ""}/${p.reopenCount > 0 ? "reopened" : ""}`);
            expect(p.reopenCount).toBeGreaterThanOrEqual(reopen);
            reopen = p.reopenCount;
            expect(p.progress).toBeGreaterThanOrEqual(0);
            expect(p.progress).toBeLessThanOrEqual(100);
            if (p.status === "closed" && p.closureKind === "rectified") {
              // The last decision before closing was an approved review followed by a passing public vote.
              const events = await t.database.db
                .selectFrom("auditEvents")
                .select(["type", "dataJson"])
                .where("entityId", "=", id)
                .where("type", "in", [
                  "problem.review_approved",
                  "problem.review_rejected",
                  "problem.public_review_closed",
                  "problem.followed_up",
                ])
                .orderBy("seq", "desc")
                .execute();
              const lastClose = events.find((e) => e.type === "problem.public_review_closed");
              expect(lastClose && JSON.parse(lastClose.dataJson).passes).toBe(true);
              const idx = events.indexOf(lastClose!);
              expect(events[idx + 1]?.type).toBe("problem.review_approved");
            }
          }
        },
      ),
      { numRuns: 30 },
    );
    // The runs must have explored the whole loop, or the property proves little.
    expect([...seen]).toEqual(
      expect.arrayContaining(["closed/rectified/", "public_review//", "closeout_requested//"]),
    );
    expect([...seen].some((s) => s.endsWith("reopened"))).toBe(true);
  });
});
