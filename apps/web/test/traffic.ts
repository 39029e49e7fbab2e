/// <reference types="node" />
import type { ListResponse } from '@aigw/shared/admin/common';
import type { UsageRecord } from '@aigw/shared/admin/usage';
import type { AdminClient } from '@aigw/testkit/admin-client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDashboard, type DashboardSession } from '@aigw/testkit/dashboard';
import type { GatewayProcess } from '@aigw/testkit/gateway-process';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

/** For the calling describe block: a signed-out dashboard session (its own gateway) and a mock upstream, closed after. */
export function dashboardWithUpstream(): { session: DashboardSession; gateway: GatewayProcess; page: Page; upstream: MockOpenAI } {
  const ctx = {} as ReturnType<typeof dashboardWithUpstream>;
  beforeAll(async () => {
    [ctx.session, ctx.upstream] = await Promise.all([openDashboard(), MockOpenAI.start()]);
    ctx.gateway = ctx.session.gateway;
    ctx.page = ctx.session.page;
  });
  afterAll(async () => {
    await Promise.all([ctx.session?.close(), ctx.upstream?.close()]);
  });
  return ctx;
}

/** One non-streamed chat completion through the gateway with an API key; returns the status. */
export async function sendChat(gatewayUrl: string, key: string, model: string, content: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Waits until the gateway has recorded `count` usage records (they are written in batches), and returns them. */
export async function waitForUsage(admin: AdminClient, count: number): Promise<UsageRecord[]> {
  let records: UsageRecord[] = [];
  await expect
    .poll(
      async () => {
        records = (await admin.get<ListResponse<UsageRecord>>('/api/admin/usage?limit=1000')).body.data;
        return records.length;
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe(count);
  return records;
}
