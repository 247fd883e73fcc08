/**
 * Bird's POST rate limit (docs/bird-api.md §1.5: 500 requests per second per workspace → 429), next to the GET bucket
 * tested in auth-faults.test.ts. The clock is frozen, so the count does not depend on how fast this machine is.
 */
import { conversationsPath, DEMO, expectBirdError, start } from './support';

describe('the POST bucket: 500 per second per workspace', () => {
	afterEach(() => jest.restoreAllMocks());
	const freezeClock = () =>
		jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-01-01T00:00:00.250Z'));

	it('the 501st POST in a second is a 429 with Retry-After; PATCH and DELETE count in the same bucket', async () => {
		const s = await start({ rateLimits: true });
		try {
			freezeClock();
			// Cheap POSTs: an empty body is a 422, after the rate limit was counted.
			const burst = await Promise.all(
				Array.from({ length: 498 }, () => s.api.post(conversationsPath, {})),
			);
			expect(new Set(burst.map((r) => r.status))).toEqual(new Set([422]));
			expect(
				(
					await s.api.patch(`${conversationsPath}/${DEMO.conversations.janeEmail}`, {
						description: 'busy',
					})
				).status,
			).toBe(200);
			expect(
				(await s.api.delete(`${conversationsPath}/${DEMO.conversations.mariaSmsClosed}`)).status,
			).toBe(204);
			const limited = await s.api.post(conversationsPath, {
				name: 'One too many',
				channelId: DEMO.channels.sms,
			});
			expectBirdError(limited, 429, 'TooManyRequests');
			expect(limited.headers['retry-after']).toBe('1');
			// Not processed (docs/bird-api.md §1.5), and GETs have their own bucket.
			const list = await s.api.get(conversationsPath);
			expect(list.status).toBe(200);
			expect(list.data.results.map((c: { name: string }) => c.name)).not.toContain('One too many');
			// The other workspace is not limited by the demo workspace's traffic.
			expect(
				(await s.otherKey.post(`/workspaces/${DEMO.otherWorkspaceId}/conversations`, {})).status,
			).toBe(422);

			// The next second starts a fresh window.
			jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-01-01T00:00:01.100Z'));
			expect(
				(await s.api.post(conversationsPath, { name: 'Next second', channelId: DEMO.channels.sms }))
					.status,
			).toBe(201);
		} finally {
			jest.restoreAllMocks();
			await s.sandbox.close();
		}
	}, 20_000);
});
