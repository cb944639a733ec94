import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  AddMeasureBody,
  CompleteTaskBody,
  DecomposeBody,
  ProblemDetail,
  ReasonBody,
  ReportBody,
} from "../../../contract/schemas/problem.ts";
import { addMeasure, decomposeMeasure } from "../../domain/tasks/measure.commands.ts";
import {
  acceptTask,
  acknowledgeTask,
  completeTask,
  decomposeTask,
  returnTask,
  submitProgressReport,
} from "../../domain/tasks/task.commands.ts";

const tags = ["measures and tasks"];
const Detail = { 200: Data(ProblemDetail) };

export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/api/v1/problems/:id/measures",
    { schema: { tags, params: IdParams, body: AddMeasureBody, response: Detail } },
    async (req) => ({
      data: await addMeasure(req.ctx, { problemId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/measures/:id/tasks",
    { schema: { tags, params: IdParams, body: DecomposeBody, response: Detail } },
    async (req) => ({
      data: await decomposeMeasure(req.ctx, { measureId: req.params.id, tasks: req.body.tasks }),
    }),
  );
  app.post(
    "/api/v1/tasks/:id/tasks",
    { schema: { tags, params: IdParams, body: DecomposeBody, response: Detail } },
    async (req) => ({
      data: await decomposeTask(req.ctx, { taskId: req.params.id, tasks: req.body.tasks }),
    }),
  );
  app.post(
    "/api/v1/tasks/:id/acknowledge",
    { schema: { tags, params: IdParams, response: Detail } },
    async (req) => ({
      data: await acknowledgeTask(req.ctx, { taskId: req.params.id }),
    }),
  );
  app.post(
    "/api/v1/tasks/:id/reports",
    { schema: { tags, params: IdParams, body: ReportBody, response: Detail } },
    async (req) => ({
      data: await submitProgressReport(req.ctx, { taskId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/tasks/:id/complete",
    { schema: { tags, params: IdParams, body: CompleteTaskBody, response: Detail } },
    async (req) => ({
      data: await completeTask(req.ctx, { taskId: req.params.id, ...req.body }),
    }),
  );
  app.post(
    "/api/v1/tasks/:id/accept",
    { schema: { tags, params: IdParams, response: Detail } },
    async (req) => ({
      data: await acceptTask(req.ctx, { taskId: req.params.id }),
    }),
  );
  app.post(
    "/api/v1/tasks/:id/return",
    { schema: { tags, params: IdParams, body: ReasonBody, response: Detail } },
    async (req) => ({
      data: await returnTask(req.ctx, { taskId: req.params.id, reason: req.body.reason }),
    }),
  );
};
