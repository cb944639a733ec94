import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "../config.ts";
import { newId } from "../db/columns.ts";
import type { Database } from "../db/connect.ts";
import { registerErrorHandling, sendProblem } from "./plugins/errors.ts";
import { registerInputSanity } from "./plugins/input-sanity.ts";
import { registerRequestLimits, serverLimits } from "./plugins/limits.ts";
import { registerMetrics } from "./plugins/metrics.ts";
import { registerOpenApi } from "./plugins/openapi.ts";
import { registerSessionGate } from "./plugins/session.ts";
import { registerWeb } from "./plugins/web.ts";
import { attachmentRoutes } from "./routes/attachment.routes.ts";
import { auditRoutes } from "./routes/audit.routes.ts";
import { authRoutes } from "./routes/auth.routes.ts";
import { calendarRoutes } from "./routes/calendar.routes.ts";
import { campaignRoutes } from "./routes/campaign.routes.ts";
import { extensionRoutes } from "./routes/extension.routes.ts";
import { groupRoutes } from "./routes/group.routes.ts";
import { healthRoutes } from "./routes/health.routes.ts";
import { ledgerExportRoutes } from "./routes/ledger-export.routes.ts";
import { meetingRoutes } from "./routes/meeting.routes.ts";
import { notificationRoutes } from "./routes/notification.routes.ts";
import { orgRoutes } from "./routes/org.routes.ts";
import { problemRoutes } from "./routes/problem.routes.ts";
import { publicRoutes } from "./routes/public.routes.ts";
import { researchRoutes } from "./routes/research.routes.ts";
import { statsRoutes } from "./routes/stats.routes.ts";
import { supervisionRoutes } from "./routes/supervision.routes.ts";
import { taskRoutes } from "./routes/task.routes.ts";
import { userRoutes } from "./routes/user.routes.ts";
import "./types.ts";

export interface AppOptions {
  config: Config;
  database: Database;
  /** The clock; tests freeze it. */
  now?: () => Date;
  logger?: boolean | object;
}

export type App = FastifyInstance;

/** The whole HTTP door into the domain: plugins, the session gate, and one route per use-case. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const { config, database } = opts;
  const now = opts.now ?? (() => new Date());
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ["req.headers.cookie", "req.headers['x-csrf-token']"],
    },
    bodyLimit: config.bodyLimitBytes,
    ...serverLimits(config),
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{8,64}$/.test(given) ? given : newId();
    },
    // Malformed URLs and the like never reach the error handler: answer them as problems too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(
        request,
        reply,
        (error as { statusCode?: number }).statusCode === 415 ? "unsupported_media_type" : "bad_request",
      );
    },
    ajv: { customOptions: { allErrors: true, coerceTypes: "array", removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
  registerErrorHandling(app);
  registerRequestLimits(app, config);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  await registerOpenApi(app);
  registerMetrics(app, config.metricsToken);
  registerSessionGate(app, config, database, now);
  registerInputSanity(app);

  await app.register(healthRoutes(database));
  await app.register(authRoutes(config));
  await app.register(orgRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(campaignRoutes);
  await app.register(problemRoutes);
  await app.register(taskRoutes);
  await app.register(attachmentRoutes(config));
  await app.register(publicRoutes);
  await app.register(notificationRoutes);
  await app.register(calendarRoutes);
  await app.register(extensionRoutes);
  await app.register(supervisionRoutes);
  await app.register(groupRoutes);
  await app.register(meetingRoutes);
  await app.register(researchRoutes);
  await app.register(statsRoutes);
  await app.register(ledgerExportRoutes);
  await registerWeb(app, config.webDist);
  return app;
}
