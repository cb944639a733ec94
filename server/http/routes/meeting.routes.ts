import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import { ConvertToProblemBody } from "../../../contract/schemas/group.ts";
import {
  AddAgendaItemBody,
  AttendanceBody,
  CreateJointMeetingBody,
  CreateSessionBody,
  DecisionToTaskBody,
  JointMeetingDetail,
  JointMeetingRow,
  MinutesBody,
  PreviousDecisions,
  ProposedItem,
  RecordDecisionBody,
  SessionDetail,
  SetMeetingMembersBody,
} from "../../../contract/schemas/meeting.ts";
import { listProposedItems } from "../../domain/meetings/agenda.queries.ts";
import { convertDecisionToProblem, convertDecisionToTask } from "../../domain/meetings/decision.commands.ts";
import { createJointMeeting, setJointMeetingMembers } from "../../domain/meetings/meeting.commands.ts";
import {
  getBodyDetail,
  getPreviousDecisions,
  getSessionDetail,
  listBodies,
} from "../../domain/meetings/meeting.queries.ts";
import {
  addAgendaItem,
  createMeetingSession,
  recordAttendance,
  recordDecision,
  recordMinutes,
} from "../../domain/meetings/session.commands.ts";

const tags = ["joint-meetings"];
const Body = { 200: Data(JointMeetingDetail) };
const Session = { 200: Data(SessionDetail) };

/** 联席会议: bodies, members, sessions, agenda (with proposals), attendance, minutes, decisions → problems/tasks. */
export const meetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/joint-meetings",
    { schema: { tags, response: { 200: Data(Type.Array(JointMeetingRow)) } } },
    async (req) => ({ data: await listBodies(req.ctx) }),
  );
  app.post(
    "/api/v1/joint-meetings",
    { schema: { tags, body: CreateJointMeetingBody, response: Body } },
    async (req) => ({ data: await createJointMeeting(req.ctx, req.body) }),
  );
  app.get(
    "/api/v1/joint-meetings/:id",
    { schema: { tags, params: IdParams, response: Body } },
    async (req) => ({
      data: await getBodyDetail(req.ctx, req.params.id),
    }),
  );
  app.put(
    "/api/v1/joint-meetings/:id/members",
    { schema: { tags, params: IdParams, body: SetMeetingMembersBody, response: Body } },
    async (req) => ({ data: await setJointMeetingMembers(req.ctx, { bodyId: req.params.id, ...req.body }) }),
  );
  app.post(
    "/api/v1/joint-meetings/:id/sessions",
    { schema: { tags, params: IdParams, body: CreateSessionBody, response: Session } },
    async (req) => ({ data: await createMeetingSession(req.ctx, { bodyId: req.params.id, ...req.body }) }),
  );
  app.get(
    "/api/v1/joint-meetings/sessions/:id",
    { schema: { tags, params: IdParams, response: Session } },
    async (req) => ({ data: await getSessionDetail(req.ctx, req.params.id) }),
  );
  app.get(
    "/api/v1/joint-meetings/sessions/:id/proposed-items",
    {
      schema: {
        tags,
        params: IdParams,
        description: "Red and stuck items among the member units' problems, for the agenda",
        response: { 200: Data(Type.Array(ProposedItem)) },
      },
    },
    async (req) => ({ data: await listProposedItems(req.ctx, req.params.id) }),
  );
  app.get(
    "/api/v1/joint-meetings/sessions/:id/previous-decisions",
    { schema: { tags, params: IdParams, response: { 200: Data(PreviousDecisions) } } },
    async (req) => ({ data: await getPreviousDecisions(req.ctx, req.params.id) }),
  );
  app.post(
    "/api/v1/joint-meetings/sessions/:id/agenda-items",
    { schema: { tags, params: IdParams, body: AddAgendaItemBody, response: Session } },
    async (req) => ({ data: await addAgendaItem(req.ctx, { sessionId: req.params.id, ...req.body }) }),
  );
  app.put(
    "/api/v1/joint-meetings/sessions/:id/attendance",
    { schema: { tags, params: IdParams, body: AttendanceBody, response: Session } },
    async (req) => ({ data: await recordAttendance(req.ctx, { sessionId: req.params.id, ...req.body }) }),
  );
  app.put(
    "/api/v1/joint-meetings/sessions/:id/minutes",
    { schema: { tags, params: IdParams, body: MinutesBody, response: Session } },
    async (req) => ({ data: await recordMinutes(req.ctx, { sessionId: req.params.id, ...req.body }) }),
  );
  app.post(
    "/api/v1/joint-meetings/sessions/:id/decisions",
    { schema: { tags, params: IdParams, body: RecordDecisionBody, response: Session } },
    async (req) => ({ data: await recordDecision(req.ctx, { sessionId: req.params.id, ...req.body }) }),
  );
  app.post(
    "/api/v1/joint-meetings/decisions/:id/to-problem",
    { schema: { tags, params: IdParams, body: ConvertToProblemBody, response: Session } },
    async (req) => ({
      data: await convertDecisionToProblem(req.ctx, { decisionId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/joint-meetings/decisions/:id/to-task",
    { schema: { tags, params: IdParams, body: DecisionToTaskBody, response: Session } },
    async (req) => ({
      data: await convertDecisionToTask(req.ctx, { decisionId: req.params.id, ...req.body }),
    }),
  );
};
