import querystring from "node:querystring";
import type { FastifyInstance } from "fastify";
import { langFrom } from "../../../contract/errors.ts";
import type { Config } from "../../config.ts";
import { DomainError } from "../../domain/errors.ts";

/** The Fastify server options that bound a connection's and a request's time and head size. */
export function serverLimits(config: Config) {
  return {
    connectionTimeout: config.httpConnectionTimeoutMs,
    requestTimeout: config.httpRequestTimeoutMs,
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    http: { maxHeaderSize: config.httpMaxHeaderBytes },
    // Never parse more parameters than may be accepted, however many the URL carries.
    routerOptions: {
      querystringParser: (s: string) =>
        querystring.parse(s, "&", "=", { maxKeys: config.queryMaxParams + 1 }) as Record<string, unknown>,
    },
  };
}

/** Counts the parameters of the raw query string (empty pieces like `a=1&&b=2` do not count). */
export function queryParamCount(url: string): number {
  const q = url.indexOf("?");
  if (q < 0) return 0;
  return url
    .slice(q + 1)
    .split("&")
    .filter((p) => p !== "").length;
}

/**
 * Refuses a request with more query parameters or header fields than allowed, before any work:
 * up to twice the header limit this answers 431 as a problem; beyond that Node's parser refuses
 * the request itself (400) before it reaches the app.
 */
export function registerRequestLimits(app: FastifyInstance, config: Config): void {
  app.server.maxHeadersCount = config.httpMaxHeaders * 2;
  app.server.headersTimeout = Math.min(app.server.headersTimeout, config.httpRequestTimeoutMs || Infinity);
  app.addHook("onRequest", async (request) => {
    // runs before the session gate, which otherwise sets the language of the answer
    request.lang = langFrom(request.headers["accept-language"]);
    if (request.raw.rawHeaders.length / 2 > config.httpMaxHeaders)
      throw new DomainError("too_many_headers", { limit: config.httpMaxHeaders });
    if (queryParamCount(request.url) > config.queryMaxParams)
      throw new DomainError("too_many_query_parameters", { limit: config.queryMaxParams });
  });
}
