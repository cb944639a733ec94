import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  ActivityParams,
  ConvertToProblemBody,
  CreateSupervisionGroupBody,
  FindingParams,
  PeopleQuery,
  PersonRow,
  RecordActivityBody,
  RecordFindingBody,
  SetContactPointsBody,
  SetGroupMembersBody,
  SupervisionGroupDetail,
  SupervisionGroupRow,
  UpdateSupervisionGroupBody,
} from "../../../contract/schemas/group.ts";
import { renderSupervisionReport } from "../../documents/group-report.ts";
import {
  convertFindingToProblem,
  recordSupervisionActivity,
  recordSupervisionFinding,
} from "../../domain/groups/activity.commands.ts";
import {
  createSupervisionGroup,
  setSupervisionContactPoints,
  setSupervisionGroupMembers,
  updateSupervisionGroup,
} from "../../domain/groups/group.commands.ts";
import { getGroupDetail, getGroupReportData, listGroups } from "../../domain/groups/group.queries.ts";
import { listPeople } from "../../domain/users/people.queries.ts";

const tags = ["supervision"];
const Detail = { 200: Data(SupervisionGroupDetail) };
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** 督导组: groups, members, contact points, activities, findings → problems, the report. */
export const groupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/people",
    {
      schema: {
        tags,
        querystring: PeopleQuery,
        response: { 200: Type.Object({ data: Type.Array(PersonRow), total: Type.Integer() }) },
      },
    },
    async (req) => listPeople(req.ctx, req.query),
  );
  app.get(
    "/api/v1/supervision-groups",
    { schema: { tags, response: { 200: Data(Type.Array(SupervisionGroupRow)) } } },
    async (req) => ({ data: await listGroups(req.ctx) }),
  );
  app.post(
    "/api/v1/supervision-groups",
    { schema: { tags, body: CreateSupervisionGroupBody, response: Detail } },
    async (req) => ({ data: await createSupervisionGroup(req.ctx, req.body) }),
  );
  app.get(
    "/api/v1/supervision-groups/:id",
    { schema: { tags, params: IdParams, response: Detail } },
    async (req) => ({ data: await getGroupDetail(req.ctx, req.params.id) }),
  );
  app.patch(
    "/api/v1/supervision-groups/:id",
    { schema: { tags, params: IdParams, body: UpdateSupervisionGroupBody, response: Detail } },
    async (req) => ({ data: await updateSupervisionGroup(req.ctx, { groupId: req.params.id, ...req.body }) }),
  );
  app.put(
    "/api/v1/supervision-groups/:id/members",
    { schema: { tags, params: IdParams, body: SetGroupMembersBody, response: Detail } },
    async (req) => ({
      data: await setSupervisionGroupMembers(req.ctx, { groupId: req.params.id, ...req.body }),
    }),
  );
  app.put(
    "/api/v1/supervision-groups/:id/contact-points",
    { schema: { tags, params: IdParams, body: SetContactPointsBody, response: Detail } },
    async (req) => ({
      data: await setSupervisionContactPoints(req.ctx, { groupId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/supervision-groups/:id/activities",
    { schema: { tags, params: IdParams, body: RecordActivityBody, response: Detail } },
    async (req) => ({
      data: await recordSupervisionActivity(req.ctx, { groupId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/supervision-groups/:id/activities/:activityId/findings",
    { schema: { tags, params: ActivityParams, body: RecordFindingBody, response: Detail } },
    async (req) => ({
      data: await recordSupervisionFinding(req.ctx, {
        groupId: req.params.id,
        activityId: req.params.activityId,
        ...req.body,
      }),
    }),
  );
  app.post(
    "/api/v1/supervision-groups/:id/findings/:findingId/convert",
    { schema: { tags, params: FindingParams, body: ConvertToProblemBody, response: Detail } },
    async (req) => ({
      data: await convertFindingToProblem(req.ctx, {
        groupId: req.params.id,
        findingId: req.params.findingId,
        ...req.body,
      }),
    }),
  );
  app.get(
    "/api/v1/supervision-groups/:id/report",
    {
      schema: {
        tags,
        params: IdParams,
        description: "The group report (督导报告) as a Word document laid out as an official document",
        produces: [DOCX],
      },
    },
    async (req, reply) => {
      const { fileName, bytes } = await renderSupervisionReport(
        await getGroupReportData(req.ctx, req.params.id),
      );
      return reply
        .type(DOCX)
        .header(
          "content-disposition",
          `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(bytes);
    },
  );
};
