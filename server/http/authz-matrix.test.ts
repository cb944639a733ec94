import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../contract/enums.ts";
import { requestExtension } from "../domain/extensions/extension.commands.ts";
import { createWebhook } from "../domain/notifications/webhook.commands.ts";
import { buildBody, buildGroup } from "../test/bodies.ts";
import { buildProblem, type Stage } from "../test/problems.ts";
import { buildResearch, researchInput } from "../test/research.ts";
import { type TestApp, testApp } from "../test/support.ts";
import { seedOutOfScopeSupervision, supervisionCases } from "./authz-matrix.supervision.ts";

/**
 * Every API route × every role × a target inside and outside the caller's subtree.
 * Callers hold their role at 南宁市 (450100); "in" targets live under 兴宁区 (450102),
 * "out" targets under 柳州市's 城中区 (450202). Any 2xx on an out-of-scope target, any list
 * that shows one, or any route missing from this table fails the test.
 */
type Scope = "in" | "out";
type Call = { method: "GET" | "POST" | "PUT" | "PATCH"; url: string; body?: unknown };
interface Case {
  /** Roles that succeed on an in-scope target; everyone else is refused. */
  allowed: readonly Role[] | "all";
  /** Builds the request for a target in or out of scope. */
  request: (scope: Scope) => Promise<Call>;
  /** For lists: ids that must never appear when the caller is out of scope. */
  list?: boolean;
  /** Routes that act only on the caller themselves (no target to be out of scope). */
  self?: boolean;
}

let t: TestApp;
const callers = new Map<Role, Awaited<ReturnType<TestApp["as"]>>>();
const countyOf = (s: Scope) => (s === "in" ? "450102" : "450202");
const freshOrg = async (s: Scope) => (await t.build.org({ parentCode: countyOf(s) })).id;
const freshUser = async (s: Scope) => (await t.build.user({ roles: [["unit_staff", countyOf(s)]] })).id;
const cityOf = (s: Scope) => (s === "in" ? "450100" : "450200");
/** A problem owned by the caller's city (in) or 柳州 (out), led by one of its counties. */
const problemAt = (s: Scope, stage: Stage, rectifyType?: "long_term") =>
  buildProblem(t, { owner: cityOf(s), lead: countyOf(s), stage, rectifyType });
/** A task extension waiting for a decision, on a problem in or out of scope. */
const pendingExtension = async (s: Scope) => {
  const p = await problemAt(s, "tasked");
  const detail = await requestExtension(t.sys, {
    entityType: "task",
    entityId: p.taskId,
    newDeadline: "2027-01-15",
    reason: "需延长排查时间",
  });
  return detail.extensions[0].id;
};
const LEDGER = ["coordinator", "supervisor", "unit_lead", "unit_staff", "leader", "auditor"] as const;
const CHECKS = {
  factsClear: true,
  problemSolved: true,
  tasksDone: true,
  conclusionAccurate: true,
  compliant: true,
  formatCorrect: true,
};
const groupAt = (s: Scope) => buildGroup(t, { dispatch: cityOf(s), contactPoint: countyOf(s) });
const bodyAt = (s: Scope) => buildBody(t, { lead: cityOf(s), member: countyOf(s) });
const MANAGERS = ["coordinator", "supervisor"] as const;
const researchAt = (s: Scope) => buildResearch(t, { org: countyOf(s) });
const RESEARCH_READERS = ["coordinator", "leader", "supervisor", "auditor"] as const;
const problemList = (url: string): Case => ({
  allowed: LEDGER,
  list: true,
  request: async () => ({ method: "GET", url }),
});

let objectors = 0;

const CASES: Record<string, Case> = {
  "GET /api/v1/auth/me": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/auth/me" }),
  },
  "GET /api/v1/orgs/tree": {
    allowed: "all",
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/orgs/tree" }),
  },
  "GET /api/v1/orgs": {
    allowed: "all",
    list: true,
    request: async (s) => ({ method: "GET", url: `/api/v1/orgs?parentId=${t.org(countyOf(s)).id}` }),
  },
  "GET /api/v1/orgs/:id": {
    allowed: "all",
    request: async (s) => ({ method: "GET", url: `/api/v1/orgs/${t.org(countyOf(s)).id}` }),
  },
  "POST /api/v1/orgs": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/orgs",
      body: { parentId: t.org(countyOf(s)).id, name: "新单位", kind: "unit" },
    }),
  },
  "PATCH /api/v1/orgs/:id": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PATCH",
      url: `/api/v1/orgs/${await freshOrg(s)}`,
      body: { name: "改名" },
    }),
  },
  "POST /api/v1/orgs/:id/move": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/orgs/${await freshOrg(s)}/move`,
      body: { parentId: t.org(s === "in" ? "450103" : "450203").id },
    }),
  },
  "POST /api/v1/orgs/:id/deactivate": {
    allowed: ["admin"],
    request: async (s) => ({ method: "POST", url: `/api/v1/orgs/${await freshOrg(s)}/deactivate` }),
  },
  "POST /api/v1/orgs/:id/activate": {
    allowed: ["admin"],
    request: async (s) => ({ method: "POST", url: `/api/v1/orgs/${await freshOrg(s)}/activate` }),
  },
  "GET /api/v1/users": {
    allowed: ["admin"],
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/users?limit=200" }),
  },
  "GET /api/v1/users/:id": {
    allowed: ["admin"],
    request: async (s) => ({ method: "GET", url: `/api/v1/users/${await freshUser(s)}` }),
  },
  "POST /api/v1/users": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/users",
      body: {
        username: `m${Math.random().toString(36).slice(2, 10)}`,
        displayName: "新用户",
        password: "a-long-enough-password",
        orgId: t.org(countyOf(s)).id,
        roles: [{ role: "unit_staff", orgId: t.org(countyOf(s)).id }],
      },
    }),
  },
  "PATCH /api/v1/users/:id": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PATCH",
      url: `/api/v1/users/${await freshUser(s)}`,
      body: { displayName: "改名" },
    }),
  },
  "PUT /api/v1/users/:id/roles": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/users/${await freshUser(s)}/roles`,
      body: { roles: [{ role: "unit_lead", orgId: t.org(countyOf(s)).id }] },
    }),
  },
  "POST /api/v1/users/:id/password": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/users/${await freshUser(s)}/password`,
      body: { password: "another-long-password" },
    }),
  },
  "POST /api/v1/users/:id/unlock": {
    allowed: ["admin"],
    request: async (s) => ({ method: "POST", url: `/api/v1/users/${await freshUser(s)}/unlock` }),
  },
  "GET /api/v1/audit": {
    allowed: ["auditor"],
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/audit?limit=200" }),
  },
  "GET /api/v1/campaigns": {
    allowed: "all",
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/campaigns" }),
  },
  "GET /api/v1/campaigns/:id": {
    allowed: "all",
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/campaigns/${(await t.build.campaign({ owner: cityOf(s) })).id}`,
    }),
  },
  "POST /api/v1/campaigns": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/campaigns",
      body: {
        name: "城市专项整治",
        ownerOrgId: t.org(cityOf(s)).id,
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        categories: [{ name: "类别", portraitTemplate: [] }],
      },
    }),
  },
  "GET /api/v1/problems": problemList("/api/v1/problems?limit=200"),
  "GET /api/v1/tasks": problemList("/api/v1/tasks?limit=200"),
  "GET /api/v1/responsibilities": problemList("/api/v1/responsibilities?limit=200"),
  "GET /api/v1/me/todos": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/me/todos" }),
  },
  "POST /api/v1/problems": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/problems",
      body: {
        campaignId: (await t.build.campaign({ owner: cityOf(s) })).id,
        sourceType: "opinion",
        title: "群众反映的问题",
        description: "描述",
        rectifyType: "immediate",
        target: "目标",
        acceptanceStandard: "标准",
      },
    }),
  },
  "GET /api/v1/problems/:id": {
    allowed: LEDGER,
    request: async (s) => ({ method: "GET", url: `/api/v1/problems/${(await problemAt(s, "tasked")).id}` }),
  },
  "GET /api/v1/problems/:id/timeline": {
    allowed: LEDGER,
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/problems/${(await problemAt(s, "assigned")).id}/timeline`,
    }),
  },
  "POST /api/v1/problems/:id/assign": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "registered")).id}/assign`,
      body: { leadOrgId: t.org(countyOf(s)).id, deadline: "2026-12-31" },
    }),
  },
  "POST /api/v1/problems/:id/acknowledge": {
    allowed: ["unit_lead"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "assigned")).id}/acknowledge`,
    }),
  },
  "POST /api/v1/problems/:id/measures": {
    allowed: ["unit_lead", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "rectifying")).id}/measures`,
      body: { title: "措施", deadline: "2026-12-01" },
    }),
  },
  "POST /api/v1/measures/:id/tasks": {
    allowed: ["unit_lead", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/measures/${(await problemAt(s, "tasked")).measureId}/tasks`,
      body: { tasks: [{ orgId: t.org(countyOf(s)).id }] },
    }),
  },
  "POST /api/v1/tasks/:id/tasks": {
    allowed: ["unit_lead"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "tasked")).taskId}/tasks`,
      body: { tasks: [{ orgId: await freshOrg(s) }] },
    }),
  },
  "POST /api/v1/tasks/:id/acknowledge": {
    allowed: ["unit_lead", "unit_staff"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "tasked")).taskId}/acknowledge`,
    }),
  },
  "POST /api/v1/tasks/:id/reports": {
    allowed: ["unit_lead", "unit_staff"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "tasked")).taskId}/reports`,
      body: { percent: 40, text: "推进中" },
    }),
  },
  "POST /api/v1/tasks/:id/complete": {
    allowed: ["unit_lead", "unit_staff"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "tasked")).taskId}/complete`,
      body: { text: "已完成" },
    }),
  },
  "POST /api/v1/tasks/:id/accept": {
    allowed: ["unit_lead", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "task_done")).taskId}/accept`,
    }),
  },
  "POST /api/v1/tasks/:id/return": {
    allowed: ["unit_lead", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "task_done")).taskId}/return`,
      body: { reason: "材料不全" },
    }),
  },
  "POST /api/v1/problems/:id/request-closeout": {
    allowed: ["unit_lead"],
    request: async (s) => {
      const p = await problemAt(s, "task_done");
      return {
        method: "POST",
        url: `/api/v1/problems/${p.id}/request-closeout`,
        body: { summary: "完成", attachmentIds: [p.attachmentId] },
      };
    },
  },
  "POST /api/v1/problems/:id/review": {
    allowed: ["supervisor", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "closeout_requested")).id}/review`,
      body: { decision: "approve", checklist: CHECKS },
    }),
  },
  "POST /api/v1/problems/:id/ballot-tokens": {
    allowed: ["coordinator", "supervisor"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "public_review")).id}/ballot-tokens`,
      body: { count: 2 },
    }),
  },
  "POST /api/v1/problems/:id/close-public-review": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "public_review")).id}/close-public-review`,
    }),
  },
  "POST /api/v1/problems/:id/stage-close": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "rectifying", "long_term")).id}/stage-close`,
      body: { summary: "阶段性成效" },
    }),
  },
  "POST /api/v1/problems/:id/follow-up": {
    allowed: ["coordinator", "supervisor"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "closed")).id}/follow-up`,
      body: { outcome: "ok", note: "未反弹" },
    }),
  },
  "POST /api/v1/problems/:id/withdraw": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "registered")).id}/withdraw`,
      body: { kind: "duplicate", reason: "与已有问题重复" },
    }),
  },
  "PUT /api/v1/problems/:id/remarks": {
    // the owner office's coordinator and the lead unit (a county under the caller's city)
    allowed: ["coordinator", "unit_lead"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/problems/${(await problemAt(s, "rectifying")).id}/remarks`,
      body: { remarks: "已纳入年度考核" },
    }),
  },
  "POST /api/v1/problems/:id/objections/:objectionId/answer": {
    allowed: ["coordinator"],
    request: async (s) => {
      const p = await buildProblem(t, {
        owner: cityOf(s),
        lead: countyOf(s),
        stage: "public_review",
        isPublic: true,
      });
      objectors += 1;
      await t.app.inject({
        method: "POST",
        url: "/api/v1/public/objections",
        payload: { problemCode: p.code, text: "异议" },
        // an address per objection, so the per-address limit on anonymous writes stays out of the way
        remoteAddress: `10.77.${objectors >> 8}.${objectors & 255}`,
      });
      const o = await t.database.db
        .selectFrom("objections")
        .select("id")
        .where("problemId", "=", p.id)
        .executeTakeFirstOrThrow();
      return {
        method: "POST",
        url: `/api/v1/problems/${p.id}/objections/${o.id}/answer`,
        body: { answer: "已核实", upheld: false },
      };
    },
  },
  "GET /api/v1/attachments/:id": {
    allowed: LEDGER,
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/attachments/${(await problemAt(s, "task_done")).attachmentId}`,
    }),
  },
  "GET /api/v1/calendar": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/calendar" }),
  },
  "GET /api/v1/calendar/:year": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/calendar/2026" }),
  },
  "PUT /api/v1/calendar/:year": {
    allowed: ["admin"],
    self: true,
    request: async () => ({
      method: "PUT",
      url: "/api/v1/calendar/2030",
      body: { days: [{ date: "2030-01-01", kind: "holiday", name: "元旦" }] },
    }),
  },
  "POST /api/v1/tasks/:id/extensions": {
    allowed: ["unit_lead", "unit_staff"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/tasks/${(await problemAt(s, "tasked")).taskId}/extensions`,
      body: { newDeadline: "2027-01-15", reason: "需延长排查时间" },
    }),
  },
  "POST /api/v1/problems/:id/extensions": {
    allowed: ["unit_lead"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/problems/${(await problemAt(s, "rectifying")).id}/extensions`,
      body: { newDeadline: "2027-02-26", reason: "需协调市级部门" },
    }),
  },
  "POST /api/v1/extensions/:id/decide": {
    allowed: ["unit_lead", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/extensions/${await pendingExtension(s)}/decide`,
      body: { decision: "approve", comment: "同意" },
    }),
  },
  "GET /api/v1/extensions": {
    allowed: "all",
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/extensions?limit=200" }),
  },
  "GET /api/v1/audit/verify": {
    allowed: ["auditor"],
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/audit/verify" }),
  },
  "GET /api/v1/audit/verifications/latest": {
    allowed: ["auditor"],
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/audit/verifications/latest" }),
  },
  "GET /api/v1/notifications": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/notifications" }),
  },
  "GET /api/v1/notifications/unread-count": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/notifications/unread-count" }),
  },
  "POST /api/v1/notifications/read-all": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "POST", url: "/api/v1/notifications/read-all" }),
  },
  "GET /api/v1/me/notification-settings": {
    allowed: "all",
    self: true,
    request: async () => ({ method: "GET", url: "/api/v1/me/notification-settings" }),
  },
  "PUT /api/v1/me/notification-settings": {
    allowed: "all",
    self: true,
    request: async () => ({
      method: "PUT",
      url: "/api/v1/me/notification-settings",
      body: { email: "me@example.cn", emailEnabled: true, emailMutedKinds: ["task"] },
    }),
  },
  "GET /api/v1/webhooks": {
    allowed: ["admin", "coordinator"],
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/webhooks" }),
  },
  "POST /api/v1/webhooks": {
    allowed: ["admin", "coordinator"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/webhooks",
      body: {
        orgId: t.org(countyOf(s)).id,
        kind: "wecom",
        name: "整改工作群",
        url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
      },
    }),
  },
  "PATCH /api/v1/webhooks/:id": {
    allowed: ["admin", "coordinator"],
    request: async (s) => ({
      method: "PATCH",
      url: `/api/v1/webhooks/${(await createWebhook(t.sys, { orgId: t.org(countyOf(s)).id, kind: "dingtalk", name: "群", url: "https://oapi.dingtalk.com/robot/send?access_token=t" })).id}`,
      body: { active: false },
    }),
  },
  ...supervisionCases({ t: () => t, problemAt: (s, stage) => problemAt(s, stage), cityOf, ledger: LEDGER }),
  "GET /api/v1/people": {
    allowed: MANAGERS,
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/people?limit=50" }),
  },
  "GET /api/v1/supervision-groups": {
    allowed: LEDGER,
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/supervision-groups" }),
  },
  "POST /api/v1/supervision-groups": {
    allowed: MANAGERS,
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/supervision-groups",
      body: {
        name: "督导组",
        dispatchOrgId: t.org(cityOf(s)).id,
        leaderUserId: await freshUser(s),
        contactPointOrgIds: [t.org(countyOf(s)).id],
        startsOn: "2026-11-01",
        endsOn: "2026-12-31",
        plan: "方案",
      },
    }),
  },
  "GET /api/v1/supervision-groups/:id": {
    allowed: LEDGER,
    request: async (s) => ({ method: "GET", url: `/api/v1/supervision-groups/${(await groupAt(s)).id}` }),
  },
  "PATCH /api/v1/supervision-groups/:id": {
    allowed: MANAGERS,
    request: async (s) => ({
      method: "PATCH",
      url: `/api/v1/supervision-groups/${(await groupAt(s)).id}`,
      body: { plan: "新方案" },
    }),
  },
  "PUT /api/v1/supervision-groups/:id/members": {
    allowed: MANAGERS,
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/supervision-groups/${(await groupAt(s)).id}/members`,
      body: { leaderUserId: await freshUser(s), memberUserIds: [await freshUser(s)] },
    }),
  },
  "PUT /api/v1/supervision-groups/:id/contact-points": {
    allowed: MANAGERS,
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/supervision-groups/${(await groupAt(s)).id}/contact-points`,
      body: { orgIds: [t.org(countyOf(s)).id] },
    }),
  },
  "POST /api/v1/supervision-groups/:id/activities": {
    allowed: MANAGERS,
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/supervision-groups/${(await groupAt(s)).id}/activities`,
      body: {
        kind: "briefing",
        heldOn: "2026-11-25",
        place: "会议室",
        placeOrgId: t.org(countyOf(s)).id,
        participants: ["组长"],
        findings: [{ text: "问题" }],
      },
    }),
  },
  "POST /api/v1/supervision-groups/:id/activities/:activityId/findings": {
    allowed: MANAGERS,
    request: async (s) => {
      const g = await groupAt(s);
      return {
        method: "POST",
        url: `/api/v1/supervision-groups/${g.id}/activities/${g.activityId}/findings`,
        body: { text: "又一个问题" },
      };
    },
  },
  "POST /api/v1/supervision-groups/:id/findings/:findingId/convert": {
    allowed: ["coordinator"],
    request: async (s) => {
      const g = await groupAt(s);
      return {
        method: "POST",
        url: `/api/v1/supervision-groups/${g.id}/findings/${g.findingId}/convert`,
        body: {
          campaignId: (await t.build.campaign({ owner: cityOf(s) })).id,
          leadOrgId: t.org(countyOf(s)).id,
          deadline: "2026-12-31",
        },
      };
    },
  },
  "GET /api/v1/supervision-groups/:id/report": {
    allowed: LEDGER,
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/supervision-groups/${(await groupAt(s)).id}/report`,
    }),
  },
  "GET /api/v1/joint-meetings": {
    allowed: LEDGER,
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/joint-meetings" }),
  },
  "POST /api/v1/joint-meetings": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/joint-meetings",
      body: {
        name: "联席会议",
        leadOrgId: t.org(cityOf(s)).id,
        convenerUserId: await freshUser(s),
        members: [{ orgId: t.org(countyOf(s)).id, liaisonUserId: await freshUser(s) }],
      },
    }),
  },
  "GET /api/v1/joint-meetings/:id": {
    allowed: LEDGER,
    request: async (s) => ({ method: "GET", url: `/api/v1/joint-meetings/${(await bodyAt(s)).id}` }),
  },
  "PUT /api/v1/joint-meetings/:id/members": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/joint-meetings/${(await bodyAt(s)).id}/members`,
      body: { members: [{ orgId: t.org(countyOf(s)).id }, { orgId: await freshOrg(s) }] },
    }),
  },
  "POST /api/v1/joint-meetings/:id/sessions": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/joint-meetings/${(await bodyAt(s)).id}/sessions`,
      body: { kind: "topical", title: "专题会议", heldOn: "2026-12-10", place: "会议室" },
    }),
  },
  "GET /api/v1/joint-meetings/sessions/:id": {
    allowed: LEDGER,
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}`,
    }),
  },
  "GET /api/v1/joint-meetings/sessions/:id/proposed-items": {
    allowed: LEDGER,
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}/proposed-items`,
    }),
  },
  "GET /api/v1/joint-meetings/sessions/:id/previous-decisions": {
    allowed: LEDGER,
    request: async (s) => ({
      method: "GET",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}/previous-decisions`,
    }),
  },
  "POST /api/v1/joint-meetings/sessions/:id/agenda-items": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}/agenda-items`,
      body: { problemId: (await problemAt(s, "rectifying")).id, origin: "red" },
    }),
  },
  "PUT /api/v1/joint-meetings/sessions/:id/attendance": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}/attendance`,
      body: { entries: [{ orgId: t.org(countyOf(s)).id, present: true, attendees: "区委书记" }] },
    }),
  },
  "PUT /api/v1/joint-meetings/sessions/:id/minutes": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}/minutes`,
      body: { text: "会议纪要", docNumber: "联席〔2026〕1号" },
    }),
  },
  "POST /api/v1/joint-meetings/sessions/:id/decisions": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/joint-meetings/sessions/${(await bodyAt(s)).sessionId}/decisions`,
      body: { text: "议定事项", ownerOrgId: t.org(countyOf(s)).id, deadline: "2026-12-31" },
    }),
  },
  "POST /api/v1/joint-meetings/decisions/:id/to-problem": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/joint-meetings/decisions/${(await bodyAt(s)).decisionId}/to-problem`,
      body: {
        campaignId: (await t.build.campaign({ owner: cityOf(s) })).id,
        leadOrgId: t.org(countyOf(s)).id,
        deadline: "2026-12-31",
      },
    }),
  },
  "POST /api/v1/joint-meetings/decisions/:id/to-task": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/joint-meetings/decisions/${(await bodyAt(s)).decisionId}/to-task`,
      body: {
        problemId: (await problemAt(s, "rectifying")).id,
        orgId: t.org(countyOf(s)).id,
        deadline: "2026-12-31",
      },
    }),
  },
  "PUT /api/v1/orgs/:id/unit-type": {
    allowed: ["admin"],
    request: async (s) => ({
      method: "PUT",
      url: `/api/v1/orgs/${await freshOrg(s)}/unit-type`,
      body: { unitType: "hospital" },
    }),
  },
  "GET /api/v1/research": {
    allowed: RESEARCH_READERS,
    list: true,
    request: async () => ({ method: "GET", url: "/api/v1/research" }),
  },
  // figures over the caller's scope: what they count is checked in research.test.ts
  "GET /api/v1/research/statistics": {
    allowed: RESEARCH_READERS,
    self: true,
    request: async () => ({
      method: "GET",
      url: "/api/v1/research/statistics?from=2026-01-01&to=2026-12-31",
    }),
  },
  "POST /api/v1/research": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: "/api/v1/research",
      body: researchInput(t.org(countyOf(s)).id, { siteOrgIds: [t.org(countyOf(s)).id] }),
    }),
  },
  "GET /api/v1/research/:id": {
    allowed: RESEARCH_READERS,
    request: async (s) => ({ method: "GET", url: `/api/v1/research/${(await researchAt(s)).id}` }),
  },
  "PUT /api/v1/research/:id": {
    allowed: ["coordinator"],
    request: async (s) => {
      const { orgId: _, findings: __, ...fields } = researchInput(t.org(countyOf(s)).id);
      return { method: "PUT", url: `/api/v1/research/${(await researchAt(s)).id}`, body: fields };
    },
  },
  "POST /api/v1/research/:id/findings": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/research/${(await researchAt(s)).id}/findings`,
      body: { text: "新的发现" },
    }),
  },
  "POST /api/v1/research-findings/:id/to-problem": {
    allowed: ["coordinator"],
    request: async (s) => ({
      method: "POST",
      url: `/api/v1/research-findings/${(await researchAt(s)).findingId}/to-problem`,
      body: { campaignId: (await t.build.campaign({ owner: cityOf(s) })).id, fixedOnTheSpot: true },
    }),
  },
  // statistics: scoped by the starting org; one outside the caller's subtree (and not above it) is 404
  "GET /api/v1/stats/overview": {
    allowed: LEDGER,
    request: async (s) => ({ method: "GET", url: `/api/v1/stats/overview?orgId=${t.org(countyOf(s)).id}` }),
  },
  "GET /api/v1/stats/trend": {
    allowed: LEDGER,
    request: async (s) => ({ method: "GET", url: `/api/v1/stats/trend?orgId=${t.org(countyOf(s)).id}` }),
  },
  "GET /api/v1/stats/regions": {
    allowed: LEDGER,
    request: async (s) => ({ method: "GET", url: `/api/v1/stats/regions?orgId=${t.org(countyOf(s)).id}` }),
  },
};

/** Routes open without a session, or that act only on the caller's own session/account. */
const NOT_SCOPED = new Set([
  "GET /healthz",
  "GET /readyz",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "POST /api/v1/auth/mfa/verify",
  "POST /api/v1/auth/mfa/enrol",
  "POST /api/v1/auth/mfa/activate",
  "POST /api/v1/auth/password",
  "POST /api/v1/public/ballot-info",
  "POST /api/v1/public/ballots",
  "POST /api/v1/public/objections",
  "GET /api/v1/public/listings",
  // Uploads carry no target; who may upload is tested below.
  "POST /api/v1/attachments",
  // Only the recipient's own notification; every role on someone else's answers 404 (notification.routes.test.ts).
  "POST /api/v1/notifications/:id/read",
  // A workbook, not JSON: roles, scope and the missing session are tested in ledger-xlsx.test.ts.
  "GET /api/v1/problems/export.xlsx",
]);

const outsidePaths = async () =>
  new Set(
    (
      await t.database.db.selectFrom("orgs").select("id").where("path", "like", "/450000/450200/%").execute()
    ).map((o) => o.id),
  );

beforeAll(async () => {
  t = await testApp();
  for (const role of ROLES) {
    await t.build.user({ username: `m_${role}`, roles: [[role, "450100"]] });
    callers.set(role, await t.as(`m_${role}`));
  }
  // Something out of scope in every list: an org, a user, a problem and their audit events under 柳州.
  await freshOrg("out");
  await freshUser("out");
  await problemAt("out", "tasked");
  await pendingExtension("out");
  await seedOutOfScopeSupervision(t, (await problemAt("out", "rectifying")).id, cityOf("out"));
  await researchAt("out");
});
afterAll(() => t.close());

describe("authorization matrix", () => {
  it("covers every route the API documents", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(spec.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const missing = documented.filter((r) => !(r in CASES) && !NOT_SCOPED.has(r));
    expect(missing).toEqual([]);
  });

  for (const [route, c] of Object.entries(CASES)) {
    for (const role of ROLES) {
      const allowed = c.allowed === "all" || c.allowed.includes(role);
      it(`${route} as ${role}: ${allowed ? "allowed" : "refused"} in scope, nothing leaks out of scope`, async () => {
        const call = callers.get(role)!;
        const inReq = await c.request("in");
        const inRes = await call(inReq.method, inReq.url, inReq.body);
        if (allowed) expect(inRes.statusCode, inRes.body).toBe(200);
        else expect([403, 404], inRes.body).toContain(inRes.statusCode);
        if (c.self) return;

        const outReq = await c.request("out");
        const outRes = await call(outReq.method, outReq.url, outReq.body);
        if (c.list) {
          if (outRes.statusCode !== 200) {
            expect(allowed).toBe(false);
            return;
          }
          const outside = await outsidePaths();
          const body = outRes.json() as {
            data: { id?: string; orgId?: string; path?: string; scopePath?: string }[];
          };
          for (const row of body.data) {
            expect(row.path ?? "").not.toMatch(/^\/450000\/450200\//);
            if (row.orgId) expect(outside.has(row.orgId)).toBe(false);
          }
          const outsideProblems = new Set(
            (
              await t.database.db
                .selectFrom("problems")
                .select("id")
                .where("ownerPath", "like", "/450000/450200/%")
                .execute()
            ).map((p) => p.id),
          );
          for (const row of body.data as { id?: string; problemId?: string }[]) {
            expect(outsideProblems.has(row.problemId ?? row.id ?? "")).toBe(false);
          }
          if (route === "GET /api/v1/audit") {
            const ids = body.data.map((r) => (r as { entityId?: string }).entityId);
            for (const id of ids) expect(outside.has(id ?? "")).toBe(false);
          }
        } else {
          expect(outRes.statusCode, `${outReq.method} ${outReq.url} ${outRes.body}`).toBe(404);
        }
      });
    }
  }

  it("lets only working roles upload evidence", async () => {
    const boundary = "----m";
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`),
      Buffer.from("整改情况说明"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    for (const role of ROLES) {
      const call = callers.get(role)!;
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/attachments",
        payload,
        headers: { ...call.headers, "content-type": `multipart/form-data; boundary=${boundary}` },
      });
      const works = ["coordinator", "supervisor", "unit_lead", "unit_staff"].includes(role);
      expect(res.statusCode, `${role} ${res.body}`).toBe(works ? 200 : 403);
    }
  });

  it("refuses every scoped route without a session", async () => {
    for (const c of Object.values(CASES)) {
      const req = await c.request("in");
      const res = await t.app.inject({ method: req.method, url: req.url, payload: req.body as never });
      expect(res.statusCode).toBe(401);
    }
  });
});
