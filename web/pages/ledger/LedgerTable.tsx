import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Table } from "antd";
import type { ColumnType, SorterResult } from "antd/es/table/interface";
import type { HTMLAttributes } from "react";
import { type ListParams, PROBLEMS_KEY, type ProblemSort } from "../../api/problems";
import type { Page } from "../../api/types";
import { errorMessage } from "../../i18n/format";
import { useI18n } from "../../i18n/I18nProvider";
import { SORTABLE } from "./problemColumns";

export const PAGE_SIZES = [20, 50, 100];

interface Props<R> {
  view: string;
  params: ListParams;
  fetch: (params: ListParams) => Promise<Page<R>>;
  columns: ColumnType<R>[];
  rowKey: (row: R) => string;
  rowTestId: (row: R) => string;
  sort?: ProblemSort;
  onSort: (sort: ProblemSort | undefined) => void;
  page: number;
  onPage: (page: number, pageSize: number) => void;
}

function sortOf<R>(sorter: SorterResult<R> | SorterResult<R>[]): ProblemSort | undefined {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  const field = one?.order ? SORTABLE[String(one.columnKey)] : undefined;
  if (!field) return undefined;
  return (one.order === "descend" ? `-${field}` : field) as ProblemSort;
}

/** One of the three ledger views: server-side paging and sorting over the shared filters. */
export function LedgerTable<R extends object>({
  view,
  params,
  fetch,
  columns,
  rowKey,
  rowTestId,
  sort,
  onSort,
  page,
  onPage,
}: Props<R>) {
  const { t, lang } = useI18n();
  const query = useQuery({
    queryKey: [...PROBLEMS_KEY, view, params],
    queryFn: () => fetch(params),
    placeholderData: keepPreviousData,
  });

  const sorted = columns.map((c): ColumnType<R> => {
    const field = SORTABLE[String(c.key)];
    if (!field) return { ...c, sorter: undefined };
    const order = sort === field ? "ascend" : sort === `-${field}` ? "descend" : null;
    return { ...c, sorter: true, sortOrder: order };
  });

  return (
    <>
      {query.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(query.error, lang, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid={`ledger-table-${view}`}>
        <Table<R>
          rowKey={rowKey}
          size="small"
          columns={sorted}
          dataSource={query.data?.data ?? []}
          loading={query.isFetching}
          scroll={{ x: "max-content" }}
          onRow={(r) => ({ "data-testid": rowTestId(r) }) as HTMLAttributes<HTMLElement>}
          onChange={(pagination, _filters, sorter, extra) => {
            if (extra.action === "sort") onSort(sortOf(sorter));
            else onPage(pagination.current ?? 1, pagination.pageSize ?? params.limit);
          }}
          pagination={{
            current: page,
            pageSize: params.limit,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t("common.total", { total }),
          }}
        />
      </div>
    </>
  );
}
