import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { TASK_STATUSES } from "../../../contract/enums.ts";
import { Data, IdParams } from "../../../contract/schemas/common.ts";
import {
  AnswerObjectionBody,
  AssignProblemBody,
  CloseOutBody,
  CreateProblemBody,
  FollowUpBody,
  IssuedTokens,
  IssueTokensBody,
  ObjectionParams,
  ProblemDetail,
  ProblemListQuery,
  ProblemRow,
  RemarksBody,
  ResponsibilityRow,
  ReviewBody,
  StageCloseBody,
  TaskRow,
  TimelineEntry,
  WithdrawBody,
} from "../../../contract/schemas/problem.ts";
import { requestCloseOut, reviewCloseOut } from "../../domain/problems/closeout.commands.ts";
import { listProblems } from "../../domain/problems/ledger.queries.ts";
import { listResponsibilities, listTasks } from "../../domain/problems/ledger.views.ts";
import { answerObjection } from "../../domain/problems/objection.commands.ts";
import {
  acknowledgeProblem,
  assignProblem,
  followUpProblem,
  registerProblem,
  stageCloseProblem,
  updateProblemRemarks,
  withdrawProblem,
} from "../../domain/problems/problem.commands.ts";
import { getProblemDetail } from "../../domain/problems/problem.view.ts";
import { closePublicReview, issueBallotTokens } from "../../domain/problems/public-review.commands.ts";
import { getProblemTimeline } from "../../domain/problems/timeline.queries.ts";
import { getMyTodos } from "../../domain/problems/todos.queries.ts";

const tags = ["problems"];
const Detail = { 200: Data(ProblemDetail) };
const page = <T extends Parameters<typeof Type.Array>[0]>(row: T) => ({
  200: Type.Object({ data: Type.Array(row), total: Type.Integer() }),
});
const TaskListQuery = Type.Object(
  {
    ...ProblemListQuery.properties,
    taskStatus: Type.Optional(
      Type.Array(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s))), { maxItems: 4 }),
    ),
  },
  { additionalProperties: false },
);

export const problemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/problems",
    { schema: { tags, querystring: ProblemListQuery, response: page(ProblemRow) } },
    async (req) => listProblems(req.ctx, req.query),
  );
  app.get(
    "/api/v1/tasks",
    { schema: { tags, querystring: TaskListQuery, response: page(TaskRow) } },
    async (req) => listTasks(req.ctx, req.query),
  );
  app.get(
    "/api/v1/responsibilities",
    { schema: { tags, querystring: ProblemListQuery, response: page(ResponsibilityRow) } },
    async (req) => listResponsibilities(req.ctx, req.query),
  );
  app.get("/api/v1/me/todos", { schema: { tags } }, async (req) => ({ data: await getMyTodos(req.ctx) }));
  app.post(
    "/api/v1/problems",
    { schema: { tags, body: CreateProblemBody, response: Detail } },
    async (req) => ({
      data: await registerProblem(req.ctx, req.body),
    }),
  );
  app.get("/api/v1/problems/:id", { schema: { tags, params: IdParams, response: Detail } }, async (req) => ({
    data: await getProblemDetail(req.ctx, req.params.id),
  }));
  app.get(
    "/api/v1/problems/:id/timeline",
    { schema: { tags, params: IdParams, response: { 200: Data(Type.Array(TimelineEntry)) } } },
    async (req) => ({ data: await getProblemTimeline(req.ctx, req.params.id) }),
  );
  const id = (req: { params: { id: string } }) => ({ problemId: req.params.id });
  app.post(
    "/api/v1/problems/:id/assign",
    { schema: { tags, params: IdParams, body: AssignProblemBody, response: Detail } },
    async (req) => ({
      data: await assignProblem(req.ctx, { ...id(req), ...req.body }),
    }),
  );
  app.post(
    "/api/v1/problems/:id/acknowledge",
    { schema: { tags, params: IdParams, response: Detail } },
    async (req) => ({
      data: await acknowledgeProblem(req.ctx, id(req)),
    }),
  );
  app.post(
    "/api/v1/problems/:id/request-closeout",
    { schema: { tags, params: IdParams, body: CloseOutBody, response: Detail } },
    async (req) => ({ data: await requestCloseOut(req.ctx, { ...id(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/review",
    { schema: { tags, params: IdParams, body: ReviewBody, response: Detail } },
    async (req) => ({
      data: await reviewCloseOut(req.ctx, { ...id(req), ...req.body } as Parameters<
        typeof reviewCloseOut
      >[1]),
    }),
  );
  app.post(
    "/api/v1/problems/:id/stage-close",
    { schema: { tags, params: IdParams, body: StageCloseBody, response: Detail } },
    async (req) => ({ data: await stageCloseProblem(req.ctx, { ...id(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/follow-up",
    { schema: { tags, params: IdParams, body: FollowUpBody, response: Detail } },
    async (req) => ({
      data: await followUpProblem(req.ctx, { ...id(req), ...req.body }),
    }),
  );
  app.post(
    "/api/v1/problems/:id/withdraw",
    { schema: { tags, params: IdParams, body: WithdrawBody, response: Detail } },
    async (req) => ({
      data: await withdrawProblem(req.ctx, { ...id(req), ...req.body }),
    }),
  );
  app.put(
    "/api/v1/problems/:id/remarks",
    { schema: { tags, params: IdParams, body: RemarksBody, response: Detail } },
    async (req) => ({ data: await updateProblemRemarks(req.ctx, { ...id(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/close-public-review",
    { schema: { tags, params: IdParams, response: Detail } },
    async (req) => ({ data: await closePublicReview(req.ctx, id(req)) }),
  );
  app.post(
    "/api/v1/problems/:id/ballot-tokens",
    { schema: { tags, params: IdParams, body: IssueTokensBody, response: { 200: Data(IssuedTokens) } } },
    async (req) => ({ data: await issueBallotTokens(req.ctx, { ...id(req), ...req.body }) }),
  );
  app.post(
    "/api/v1/problems/:id/objections/:objectionId/answer",
    { schema: { tags, params: ObjectionParams, body: AnswerObjectionBody, response: Detail } },
    async (req) => ({
      data: await answerObjection(req.ctx, {
        problemId: req.params.id,
        objectionId: req.params.objectionId,
        ...req.body,
      }),
    }),
  );
};
