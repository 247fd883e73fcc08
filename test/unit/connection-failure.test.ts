/**
 * When Bird does not answer at all (connection reset or refused), the executor retries reads only: a
 * create or send may already have reached Bird, and Bird documents no idempotency key
 * (none among the create-message fields of docs/bird-api.md §3.3).
 * These tests use a real local socket that is cut on purpose, not an HTTP mock, so the error is exactly
 * what n8n's request helper produces in production.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { birdCredentials, DEMO_IDS, runBirdNode, TEST_ACCESS_KEY } from '../harness';

// Retries wait with n8n-workflow's `sleep`; record the waits instead, so the tests run instantly.
const sleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return {
		...actual,
		sleep: jest.fn(async (ms: number) => {
			sleeps.push(ms);
		}),
	};
});

const CONVERSATION_ID = '67e4d358-ca94-421e-98b7-448860df9d33';
const get = {
	resource: 'conversation',
	operation: 'get',
	conversationId: { __rl: true, mode: 'id', value: CONVERSATION_ID },
};
const create = {
	resource: 'conversation',
	operation: 'create',
	name: 'Ticket',
	channelId: DEMO_IDS.channels.sms,
};

/** A server that cuts the connection of the first `resets` requests and answers the rest. */
async function flakyBird(
	resets: number,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
	const requests: string[] = [];
	const server: Server = createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		if (requests.length <= resets) {
			req.socket.destroy();
			return;
		}
		res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ id: CONVERSATION_ID, name: 'Ticket' }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Everything an error shows the user. */
const shown = (error: unknown) => {
	const e = error as { message?: string; description?: string };
	return `${e?.message ?? ''}\n${e?.description ?? ''}`;
};

beforeEach(() => {
	sleeps.length = 0;
});

describe('no answer from Bird', () => {
	it('a GET whose connection was reset is retried after a backoff wait and succeeds', async () => {
		const bird = await flakyBird(1);
		try {
			const result = await runBirdNode(get, {
				credentials: birdCredentials({ baseUrl: bird.url }),
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([{ id: CONVERSATION_ID, name: 'Ticket' }]);
			expect(bird.requests).toHaveLength(2);
			expect(sleeps).toHaveLength(1);
			expect(sleeps[0]).toBeGreaterThan(0);
		} finally {
			await bird.close();
		}
	});

	it('a GET that keeps failing stops after Max Retries with an error naming the Base URL', async () => {
		const bird = await flakyBird(10);
		try {
			const result = await runBirdNode(
				{ ...get, options: { maxRetries: 2 } },
				{ credentials: birdCredentials({ baseUrl: bird.url }) },
			);
			expect(bird.requests).toHaveLength(3);
			expect(result.error?.message).toBe(`Could not reach Bird at ${bird.url}`);
			expect(result.error?.description).toMatch(/^Check the Base URL in the credential/);
			expect(shown(result.error)).not.toContain(TEST_ACCESS_KEY);
		} finally {
			await bird.close();
		}
	});

	it('a create whose connection was reset is never sent again, and the error says why', async () => {
		const bird = await flakyBird(1);
		try {
			const result = await runBirdNode(create, {
				credentials: birdCredentials({ baseUrl: bird.url }),
			});
			expect(bird.requests).toEqual([`POST /workspaces/${DEMO_IDS.workspaceId}/conversations`]);
			expect(sleeps).toEqual([]);
			expect(result.error?.message).toBe(`Could not reach Bird at ${bird.url}`);
			expect(result.error?.description).toMatch(
				/not repeated because Bird may already have processed it/,
			);
		} finally {
			await bird.close();
		}
	});

	it('a refused connection (nothing listening) is reported the same way, with the cause', async () => {
		const bird = await flakyBird(0);
		const { url } = bird;
		await bird.close();
		const result = await runBirdNode(
			{ ...get, options: { maxRetries: 1 } },
			{ credentials: birdCredentials({ baseUrl: url }) },
		);
		expect(sleeps).toHaveLength(1);
		expect(result.error?.message).toBe(`Could not reach Bird at ${url}`);
		expect(result.error?.description).toMatch(/Check the Base URL.*\(.+\)$/);
	});
});
