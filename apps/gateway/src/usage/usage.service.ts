import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { ListResponse } from '@aigw/shared/admin/common';
import {
  USAGE_CSV_COLUMNS,
  type UsageBodies,
  type UsageExportQueryParsed,
  type UsageListQueryParsed,
  type UsageRecord,
  type UsageSummary,
  type UsageSummaryQueryParsed,
} from '@aigw/shared/admin/usage';
import { csvLine } from './usage-csv.js';
import { summaryRange, toSummaryRow, toUsageRecord, usagePageSql, usageSummarySql, type SummaryRow, type UsageRow } from './usage-sql.js';

/** Rows per query while exporting: memory stays bounded whatever the export's size. */
const EXPORT_PAGE = 2000;

@Injectable()
export class UsageService {
  constructor(private readonly db: DataSource) {}

  async list(query: UsageListQueryParsed): Promise<ListResponse<UsageRecord>> {
    const { limit, after, ...filter } = query;
    const rows = await this.page(filter, limit, after);
    return { data: rows.slice(0, limit).map(toUsageRecord), has_more: rows.length > limit };
  }

  async summary(query: UsageSummaryQueryParsed): Promise<UsageSummary> {
    const { group_by, interval, ...filter } = query;
    const range = summaryRange(interval, filter.from, filter.to);
    const sql = usageSummarySql({ ...filter, ...range }, group_by, interval);
    const rows = (await this.db.query(sql.text, sql.values)) as SummaryRow[];
    return { data: rows.map(toSummaryRow) };
  }

  /**
   * The matching records as CSV, newest first, produced page by page (keyset pagination, one short
   * query per page, no connection held between pages) as the client reads: a slow or huge export
   * never holds more than one page in memory, and a client that goes away stops the queries.
   */
  exportCsv(filter: UsageExportQueryParsed): Readable {
    const pages = async function* (this: UsageService): AsyncGenerator<string> {
      yield csvLine(USAGE_CSV_COLUMNS);
      let after: string | undefined;
      for (;;) {
        const rows = await this.page(filter, EXPORT_PAGE, after);
        const page = rows.slice(0, EXPORT_PAGE);
        if (page.length > 0) yield page.map((r) => csvLine(USAGE_CSV_COLUMNS.map((c) => r[c]))).join('');
        if (rows.length <= EXPORT_PAGE) return;
        after = page[page.length - 1]!.id;
      }
    };
    return Readable.from(pages.call(this), { objectMode: false });
  }

  /** The bodies a policy kept with one record (nulls when none were kept). */
  async bodies(id: string): Promise<UsageBodies> {
    const [row] = (await this.db.query('SELECT id, request_id, request_body, response_body, bodies_truncated FROM usage_records WHERE id = $1', [id])) as Array<{
      id: string;
      request_id: string;
      request_body: string | null;
      response_body: string | null;
      bodies_truncated: boolean;
    }>;
    if (!row) throw new GatewayError('not_found', `No usage record with id ${id}`);
    return { id: row.id, request_id: row.request_id, request_body: row.request_body, response_body: row.response_body, truncated: row.bodies_truncated };
  }

  private page(filter: UsageExportQueryParsed, limit: number, after: string | undefined): Promise<UsageRow[]> {
    const sql = usagePageSql(filter, limit, after);
    return this.db.query(sql.text, sql.values) as Promise<UsageRow[]>;
  }
}
