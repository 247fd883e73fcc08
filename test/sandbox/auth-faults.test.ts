/**
 * Authentication and tenancy (401 and 403 as inferred in docs/bird-api.md §1.3, 404), fault injection
 * (failNext with Retry-After, latency, dropped connections), Bird's per-workspace rate limits
 * (docs/bird-api.md §1.5) and the controls.
 */
import axios from 'axios';

import {
	conversationsPath,
	DEMO,
	expectBirdError,
	ORG,
	start,
	subscriptionsPath,
	WS,
	type Started,
} from './support';

let s: Started;
beforeAll(async () => {
	s = await start();
});
afterAll(async () => s.sandbox.close());
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
	await s.api.post('/_sandbox/rate-limits', { enabled: false });
});

describe('authentication and tenancy', () => {
	it('401 without an Authorization header, with an unknown key, and with another scheme', async () => {
		expectBirdError(await s.anonymous.get(conversationsPath), 401, 'Unauthorized');
		expectBirdError(
			await s.anonymous.get(conversationsPath, {
				headers: { Authorization: 'AccessKey not-a-real-key' },
			}),
			401,
			'Unauthorized',
		);
		expectBirdError(
			await s.anonymous.get(conversationsPath, {
				headers: { Authorization: `Bearer ${DEMO.accessKey.secret}` },
			}),
			401,
			'Unauthorized',
		);
		expectBirdError(await s.anonymous.post(subscriptionsPath, {}), 401, 'Unauthorized');
	});

	it('never echoes the presented key in the error', async () => {
		const response = await s.anonymous.get(conversationsPath, {
			headers: { Authorization: 'AccessKey leaked-secret-value' },
		});
		expect(JSON.stringify(response.data)).not.toContain('leaked-secret-value');
	});

	it('403 for a valid key that is not allowed on the workspace; the same key works on its own workspace', async () => {
		expectBirdError(await s.otherKey.get(conversationsPath), 403, 'Forbidden');
		expectBirdError(
			await s.otherKey.get(`${conversationsPath}/${DEMO.conversations.johnWhatsapp}`),
			403,
			'Forbidden',
		);
		expectBirdError(await s.otherKey.get(subscriptionsPath), 403, 'Forbidden');
		const own = await s.otherKey.get(`/workspaces/${DEMO.otherWorkspaceId}/conversations`);
		expect(own.status).toBe(200);
		expect(own.data).toEqual({ results: [] });
		expectBirdError(
			await s.api.get(`/workspaces/${DEMO.otherWorkspaceId}/conversations`),
			403,
			'Forbidden',
		);
	});

	it('404 for an unknown workspace, and for a workspace under the wrong organization', async () => {
		expectBirdError(
			await s.api.get('/workspaces/00000000-0000-4000-8000-000000000000/conversations'),
			404,
			'ResourceNotFound',
		);
		expectBirdError(
			await s.api.get(
				`/organizations/00000000-0000-4000-8000-000000000000/workspaces/${WS}/webhook-subscriptions`,
			),
			404,
			'ResourceNotFound',
		);
		expect(
			(await s.api.get(`/organizations/${ORG}/workspaces/${WS}/webhook-subscriptions`)).status,
		).toBe(200);
	});

	it('unknown routes answer Bird’s 404 shape; invalid JSON is a 400', async () => {
		expectBirdError(await s.api.get(`/workspaces/${WS}/no-such-thing`), 404, 'ResourceNotFound');
		// axios would JSON-encode an unparsable string; send the bytes as they are.
		const raw = {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(data: unknown) => data],
		};
		expectBirdError(await s.api.post(conversationsPath, '{"name":', raw), 400, 'InvalidRequest');
		// Valid JSON that is not an object fails validation instead.
		const notObject = await s.api.post(conversationsPath, '"just a string"', raw);
		expectBirdError(notObject, 422, 'InvalidPayload');
		expect(notObject.data.details).toEqual({ '.': ['The request body must be a JSON object'] });
	});

	it('the /_sandbox controls need no key', async () => {
		const channels = await s.anonymous.get('/_sandbox/channels');
		expect(channels.status).toBe(200);
		expect(
			channels.data.results.map((c: { platform: string; id: string }) => [c.platform, c.id]),
		).toEqual([
			['whatsapp', DEMO.channels.whatsapp],
			['sms', DEMO.channels.sms],
			['email', DEMO.channels.email],
		]);
	});
});

describe('faults', () => {
	it('failNext answers the next N Bird requests with the status and Retry-After, then recovers', async () => {
		const configured = await s.api.post('/_sandbox/faults', {
			failNext: { count: 2, status: 429, retryAfter: 1 },
		});
		expect(configured.status).toBe(200);
		for (let i = 0; i < 2; i++) {
			const response = await s.api.get(conversationsPath);
			expectBirdError(response, 429, 'TooManyRequests');
			expect(response.headers['retry-after']).toBe('1');
		}
		expect((await s.api.get(conversationsPath)).status).toBe(200);
	});

	// Without retryAfter, 429 and 503 carry Retry-After: 1 (as the rate limiter's 429 does); other statuses none.
	it.each([
		[500, 'InternalServerError', undefined],
		[503, 'ServiceUnavailable', '1'],
		[429, 'TooManyRequests', '1'],
	])('failNext with %s and no retryAfter', async (status, code, retryAfter) => {
		await s.api.post('/_sandbox/faults', { failNext: { count: 1, status } });
		const response = await s.api.post(conversationsPath, {
			name: 'x',
			channelId: DEMO.channels.sms,
		});
		expectBirdError(response, status, code);
		expect(response.headers['retry-after']).toBe(retryAfter);
		// The failed request was not processed.
		expect((await s.api.get(conversationsPath)).data.results).toHaveLength(3);
	});

	it('retryAfter: null sends no Retry-After (to test a client’s own backoff); 0 and other numbers are sent as given', async () => {
		const retryAfterOf = async (failNext: Record<string, unknown>) => {
			expect(
				(await s.api.post('/_sandbox/faults', { failNext: { count: 1, ...failNext } })).status,
			).toBe(200);
			const response = await s.api.get(conversationsPath);
			expect(response.status).toBe(failNext.status);
			return response.headers['retry-after'];
		};
		expect(await retryAfterOf({ status: 429, retryAfter: null })).toBeUndefined();
		expect(await retryAfterOf({ status: 503, retryAfter: null })).toBeUndefined();
		expect(await retryAfterOf({ status: 503, retryAfter: 0 })).toBe('0');
		expect(await retryAfterOf({ status: 500, retryAfter: 7 })).toBe('7');
		expectBirdError(
			await s.api.post('/_sandbox/faults', { failNext: { count: 1, status: 429, retryAfter: -1 } }),
			422,
			'InvalidPayload',
		);
	});

	it('faults leave /_sandbox controls alone', async () => {
		await s.api.post('/_sandbox/faults', { failNext: { count: 1, status: 500 } });
		expect((await s.api.get('/_sandbox/channels')).status).toBe(200);
		expect((await s.api.get(conversationsPath)).status).toBe(500);
	});

	it('latencyMs delays Bird requests (a later control request overtakes them); reset clears it', async () => {
		await s.api.post('/_sandbox/faults', { latencyMs: 150 });
		const order: string[] = [];
		const slow = s.api.get(conversationsPath).then((r) => order.push(`bird ${r.status}`));
		await new Promise((resolve) => setTimeout(resolve, 10));
		const fast = s.api.get('/_sandbox/channels').then(() => order.push('control'));
		await Promise.all([slow, fast]);
		expect(order).toEqual(['control', 'bird 200']);
		await s.api.post('/_sandbox/reset', { seed: 'demo' });
		expect((await s.api.post('/_sandbox/faults', {})).data).toMatchObject({
			latencyMs: 0,
			dropNext: 0,
		});
	});

	it('dropNext cuts the connection mid-response after processing the request', async () => {
		await s.api.post('/_sandbox/faults', { dropNext: 1 });
		await expect(
			axios.post(
				`${s.sandbox.url}${conversationsPath}`,
				{ name: 'Dropped', channelId: DEMO.channels.sms },
				{ headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } },
			),
		).rejects.toThrow();
		const list = await s.api.get(conversationsPath);
		expect(list.status).toBe(200);
		expect(list.data.results[0].name).toBe('Dropped');
	});
});

describe('rate limits', () => {
	it('GET beyond 50/s per workspace answers 429; POST has its own larger bucket; switching off removes it', async () => {
		await s.api.post('/_sandbox/rate-limits', { enabled: true });
		// 150 requests fired together: however they straddle a second boundary, one second sees more than 50.
		const responses = await Promise.all(
			Array.from({ length: 150 }, () => s.api.get(conversationsPath)),
		);
		const limited = responses.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(50);
		expectBirdError(limited[0], 429, 'TooManyRequests');
		expect(limited[0].headers['retry-after']).toBe('1');

		// Buckets are per workspace: the other workspace is not limited by the demo workspace's traffic.
		expect(
			(await s.otherKey.get(`/workspaces/${DEMO.otherWorkspaceId}/conversations`)).status,
		).toBe(200);
		// PATCH counts in the POST bucket (500/s), which the GETs did not touch.
		const posts = await Promise.all(
			Array.from({ length: 60 }, () =>
				s.api.patch(`${conversationsPath}/${DEMO.conversations.janeEmail}`, {
					description: 'busy',
				}),
			),
		);
		expect(posts.every((r) => r.status === 200)).toBe(true);

		await s.api.post('/_sandbox/rate-limits', { enabled: false });
		const unlimited = await Promise.all(
			Array.from({ length: 150 }, () => s.api.get(conversationsPath)),
		);
		expect(unlimited.every((r) => r.status === 200)).toBe(true);
	});

	it('are on by default when the option is not given', async () => {
		const defaults = await start({ rateLimits: undefined });
		try {
			const responses = await Promise.all(
				Array.from({ length: 150 }, () => defaults.api.get(conversationsPath)),
			);
			expect(responses.some((r) => r.status === 429)).toBe(true);
		} finally {
			await defaults.sandbox.close();
		}
	});
});
