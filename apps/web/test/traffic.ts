/// <reference types="node" />
import type { ListResponse } from '@aigw/shared/admin/common';
import type { UsageRecord } from '@aigw/shared/admin/usage';
import type { AdminClient } from '@aigw/testkit/admin-client';
import { expect } from 'vitest';

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
