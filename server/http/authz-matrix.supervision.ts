import type { Role } from "../../contract/enums.ts";
import { issueCircular } from "../domain/supervision/circular.commands.ts";
import { listProblem, requestDelisting } from "../domain/supervision/listing.commands.ts";
import { issueSupervisionNotice, respondToNotice } from "../domain/supervision/notice.commands.ts";
import { proposeEscalation } from "../domain/supervision/proposal.commands.ts";
import type { Stage } from "../test/problems.ts";
import type { TestApp } from "../test/support.ts";

type Scope = "in" | "out";
type Call = { method: "GET" | "POST" | "PUT" | "PATCH"; url: string; body?: unknown };
interface Case {
  allowed: readonly Role[] | "all";
  request: (scope: Scope) => Promise<Call>;
  list?: boolean;
  self?: boolean;
}

/**
 * The escalation ladder's rows of the authorization matrix (authz-matrix.test.ts): the same
 * callers at 南宁市, targets under 兴宁区 (in) or 柳州市 (out).
 */
export function supervisionCases(h: {
  t: () => TestApp;
  problemAt: (s: Scope, stage: Stage) => Promise<{ id: string }>;
  cityOf: (s: Scope) => string;
  ledger: readonly Role[];
}): Record<string, Case> {
  const SUPERVISING = ["supervisor", "coordinator"] as const;
  const sys = () => h.t().sys;
  const item = (s: Scope) => h.problemAt(s, "rectifying");
  const noticeAt = async (s: Scope) =>
    issueSupervisionNotice(sys(), {
      problemId: (await item(s)).id,
      level: "red",
      body: "进度滞后",
      requirements: "书面回复",
    });
  const listedAt = async (s: Scope) => {
    const p = await item(s);
    await listProblem(sys(), { problemId: p.id, reason: "久拖未决" });
    return p;
  };
  const circularAt = async (s: Scope) =>
    issueCircular(sys(), {
      title: "关于整改工作进展情况的通报",
      docNumber: "桂整改通〔2026〕3号",
      body: "现将有关情况通报如下。",
      tone: "critical",
      issuerOrgId: h.t().org(h.cityOf(s)).id,
      problemIds: [(await item(s)).id],
    });
  const get = (url: string): Call => ({ method: "GET", url });
  const post = (url: string, body: unknown = {}): Call => ({ method: "POST", url, body });
  return {
    // the board has no target: what it may count is checked in supervision.routes.test.ts
    "GET /api/v1/supervision/board": {
      allowed: h.ledger,
      self: true,
      request: async () => get("/api/v1/supervision/board"),
    },
    "GET /api/v1/problems/:id/supervision": {
      allowed: h.ledger,
      request: async (s) => get(`/api/v1/problems/${(await item(s)).id}/supervision`),
    },
    "POST /api/v1/problems/:id/urgings": {
      allowed: SUPERVISING,
      request: async (s) =>
        post(`/api/v1/problems/${(await item(s)).id}/urgings`, { method: "phone", note: "电话催办" }),
    },
    "POST /api/v1/problems/:id/notices": {
      allowed: SUPERVISING,
      request: async (s) =>
        post(`/api/v1/problems/${(await item(s)).id}/notices`, {
          level: "yellow",
          body: "进度滞后",
          requirements: "书面回复",
        }),
    },
    "GET /api/v1/notices": {
      allowed: h.ledger,
      list: true,
      request: async () => get("/api/v1/notices?limit=200"),
    },
    "GET /api/v1/notices/:id": {
      allowed: h.ledger,
      request: async (s) => get(`/api/v1/notices/${(await noticeAt(s)).id}`),
    },
    "GET /api/v1/notices/:id/docx": {
      allowed: h.ledger,
      request: async (s) => get(`/api/v1/notices/${(await noticeAt(s)).id}/docx`),
    },
    "POST /api/v1/notices/:id/response": {
      allowed: ["unit_lead", "unit_staff"],
      request: async (s) => post(`/api/v1/notices/${(await noticeAt(s)).id}/response`, { text: "已整改" }),
    },
    "POST /api/v1/notices/:id/close": {
      allowed: SUPERVISING,
      request: async (s) => {
        const n = await noticeAt(s);
        await respondToNotice(sys(), { noticeId: n.id, text: "已整改" });
        return post(`/api/v1/notices/${n.id}/close`, { note: "办结" });
      },
    },
    "GET /api/v1/listings": {
      allowed: h.ledger,
      list: true,
      request: async () => get("/api/v1/listings"),
    },
    "POST /api/v1/problems/:id/listing": {
      allowed: SUPERVISING,
      request: async (s) => post(`/api/v1/problems/${(await item(s)).id}/listing`, { reason: "久拖未决" }),
    },
    "POST /api/v1/problems/:id/listing/delist-request": {
      allowed: SUPERVISING,
      request: async (s) =>
        post(`/api/v1/problems/${(await listedAt(s)).id}/listing/delist-request`, { reason: "已整改" }),
    },
    "POST /api/v1/problems/:id/listing/verify": {
      allowed: SUPERVISING,
      request: async (s) => {
        const p = await listedAt(s);
        await requestDelisting(sys(), { problemId: p.id, reason: "已整改" });
        return post(`/api/v1/problems/${p.id}/listing/verify`, { approve: true, note: "核验属实" });
      },
    },
    "POST /api/v1/problems/:id/interviews": {
      allowed: SUPERVISING,
      request: async (s) =>
        post(`/api/v1/problems/${(await item(s)).id}/interviews`, {
          heldAt: "2026-11-27T02:00:00Z",
          place: "会议室",
          interviewer: "督导组组长",
          interviewee: "分管负责人",
          reason: "进度滞后",
          commitments: [],
        }),
    },
    "POST /api/v1/problems/:id/referrals": {
      allowed: SUPERVISING,
      request: async (s) =>
        post(`/api/v1/problems/${(await item(s)).id}/referrals`, {
          subjectPerson: "某某",
          reason: "敷衍整改",
          referredTo: "纪委监委",
        }),
    },
    "GET /api/v1/escalation-proposals": {
      allowed: h.ledger,
      list: true,
      request: async () => get("/api/v1/escalation-proposals"),
    },
    "POST /api/v1/escalation-proposals/:id/decide": {
      allowed: ["coordinator"],
      request: async (s) => {
        const p = await item(s);
        const key = `matrix:${p.id}`;
        await proposeEscalation(sys(), {
          problemId: p.id,
          kind: "interview",
          reason: "持续红灯",
          triggerKey: key,
        });
        const row = await h
          .t()
          .database.db.selectFrom("escalationProposals")
          .select("id")
          .where("triggerKey", "=", key)
          .executeTakeFirstOrThrow();
        return post(`/api/v1/escalation-proposals/${row.id}/decide`, { accept: true });
      },
    },
    "GET /api/v1/circulars": {
      allowed: h.ledger,
      list: true,
      request: async () => get("/api/v1/circulars"),
    },
    "POST /api/v1/circulars": {
      allowed: SUPERVISING,
      request: async (s) =>
        post("/api/v1/circulars", {
          title: "关于整改工作进展情况的通报",
          docNumber: "通报〔2026〕1号",
          body: "现予通报。",
          tone: "positive",
          problemIds: [(await item(s)).id],
        }),
    },
    "GET /api/v1/circulars/:id": {
      allowed: h.ledger,
      request: async (s) => get(`/api/v1/circulars/${(await circularAt(s)).id}`),
    },
    "GET /api/v1/circulars/:id/docx": {
      allowed: h.ledger,
      request: async (s) => get(`/api/v1/circulars/${(await circularAt(s)).id}/docx`),
    },
  };
}

/** Something on the ladder outside the callers' scope, so every list has a row it must not show. */
export async function seedOutOfScopeSupervision(t: TestApp, problemId: string, city: string) {
  const n = await issueSupervisionNotice(t.sys, { problemId, level: "blue", body: "x", requirements: "y" });
  await listProblem(t.sys, { problemId, reason: "久拖未决" });
  await proposeEscalation(t.sys, {
    problemId,
    kind: "listing",
    reason: "持续红灯",
    triggerKey: `out:${n.id}`,
  });
  await issueCircular(t.sys, {
    title: "柳州通报",
    docNumber: "柳通〔2026〕1号",
    body: "通报。",
    tone: "critical",
    issuerOrgId: t.org(city).id,
    problemIds: [problemId],
  });
}
