import { PassThrough } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { LedgerFilter } from "../../../contract/schemas/stats.ts";
import { writeLedgerXlsx } from "../../documents/ledger-xlsx.ts";
import { shanghaiDate } from "../../domain/calendar/shanghai-date.ts";
import { ledgerRowBatches } from "../../domain/problems/ledger.export.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const ledgerExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/v1/problems/export.xlsx",
    {
      schema: {
        tags: ["problems"],
        summary: "The ledger (问题清单) as filtered on screen, as an Excel workbook streamed row by row",
        querystring: LedgerFilter,
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const batches = ledgerRowBatches(req.ctx, req.query);
      // the first batch runs the authorization and filter checks, so a refusal is still problem+json
      const first = await batches.next();
      const all = (async function* () {
        if (!first.done) yield first.value;
        yield* batches;
      })();
      const out = new PassThrough();
      const name = `问题台账-${shanghaiDate(req.ctx.now())}.xlsx`;
      reply
        .header("content-type", XLSX)
        .header(
          "content-disposition",
          `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header("cache-control", "no-store");
      writeLedgerXlsx(all, out).catch((err: unknown) => {
        req.log.error({ err }, "ledger export failed");
        out.destroy(err as Error);
      });
      return reply.send(out);
    },
  );
};
