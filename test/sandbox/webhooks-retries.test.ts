/**
 * Webhook retries and logs (docs/bird-api.md §7.4): the retry schedule with the same timestamp, request ID
 * and signature, giving up, resets, delivery timeouts, and the logs endpoints.
 */
import {
	conversationsPath,
	DEMO,
	eventually,
	expectBirdError,
	Receiver,
	start,
	subscriptionsPath,
	WS,
	type Started,
} from './support';
import { header, signingKey, useWebhookWorld } from './webhookWorld';

let s: Started;
let receiver: Receiver;
const { subscribe } = useWebhookWorld((started, r) => {
	s = started;
	receiver = r;
});

describe('retries and logs', () => {
	it('retries a failing endpoint on the schedule with the same timestamp, request ID and signature; logs every attempt', async () => {
		const sub = await subscribe({ service: 'conversations', event: 'conversation.created' });
		receiver.statuses.push(500, 503);
		await s.api.post(conversationsPath, { name: 'Retry me', channelId: DEMO.channels.sms });
		await eventually(() => receiver.requests.length >= 3, 'three attempts');
		// The schedule is [40, 80, 120]: retry n waits at least schedule[n-1] after attempt n was answered, so
		// the gaps seen here are at least 40 and 80 ms (minus a little clock granularity). Only lower bounds:
		// a loaded machine makes gaps longer, never shorter. A sandbox that reused the first delay for every
		// retry would show a second gap near 40 ms and fail.
		const gaps = receiver.requests.slice(1).map((r, i) => r.at - receiver.requests[i].at);
		expect(gaps[0]).toBeGreaterThanOrEqual(40 - 5);
		expect(gaps[1]).toBeGreaterThanOrEqual(80 - 5);
		const [first, ...rest] = receiver.requests;
		for (const retry of rest) {
			expect(header(retry, 'messagebird-request-timestamp')).toBe(
				header(first, 'messagebird-request-timestamp'),
			);
			expect(header(retry, 'messagebird-request-id')).toBe(header(first, 'messagebird-request-id'));
			expect(header(retry, 'messagebird-signature')).toBe(header(first, 'messagebird-signature'));
			expect(retry.rawBody.equals(first.rawBody)).toBe(true);
		}
		const requestId = header(first, 'messagebird-request-id');

		const logs = await eventually(async () => {
			const r = await s.api.get(`${subscriptionsPath}/${sub.id}/logs`);
			return r.data.results[0]?.executionStatus === 'succeeded' ? r : undefined;
		}, 'a succeeded log');
		expect(logs.data.results).toEqual([
			{
				requestId,
				attemptCount: 3,
				httpStatusCode: 200,
				executionStatus: 'succeeded',
				createdAt: expect.any(String),
			},
		]);

		const details = await s.api.get(`${subscriptionsPath}/${sub.id}/logs/details`, {
			params: { requestId },
		});
		expect(details.status).toBe(200);
		expect(
			details.data.results.map((a: { attempt: number; httpStatusCode: number }) => [
				a.attempt,
				a.httpStatusCode,
			]),
		).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
		expectBirdError(
			await s.api.get(`${subscriptionsPath}/${sub.id}/logs/details`, {
				params: { requestId: 'nope' },
			}),
			404,
			'ResourceNotFound',
		);
		// The older path serves the logs too.
		expect(
			(await s.api.get(`/workspaces/${WS}/webhook-subscriptions/${sub.id}/logs`)).data.results,
		).toHaveLength(1);

		const all = (await s.api.get('/_sandbox/deliveries')).data.results;
		expect(all).toHaveLength(1);
		expect(all[0]).toMatchObject({
			requestId,
			subscriptionId: sub.id,
			url: sub.url,
			executionStatus: 'succeeded',
			status: 200,
			attempt: 3,
			body: { event: 'conversation.created' },
		});
		expect(all[0].rawBody).toBe(first.rawBody.toString('utf8'));
		expect(all[0].attempts.map((a: { httpStatusCode: number }) => a.httpStatusCode)).toEqual([
			500, 503, 200,
		]);
		expect(all[0].headers['messagebird-signature']).toBe(header(first, 'messagebird-signature'));
	});

	it('gives up after the last scheduled retry and marks the delivery failed (connection errors count too)', async () => {
		const dead = await s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.created',
			url: 'http://127.0.0.1:9/nothing-listens-here',
		});
		expect(dead.status).toBe(201);
		await s.api.post(conversationsPath, { name: 'Nobody home', channelId: DEMO.channels.sms });
		const logs = await eventually(async () => {
			const r = await s.api.get(`${subscriptionsPath}/${dead.data.id}/logs`, {
				params: { executionStatus: 'failed' },
			});
			return r.data.results.length ? r : undefined;
		}, 'a failed log');
		// One first attempt plus the three retries of the schedule.
		expect(logs.data.results[0]).toMatchObject({
			attemptCount: 4,
			httpStatusCode: 0,
			executionStatus: 'failed',
		});
	});

	it('a reset cancels the retries still scheduled for the old world', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.created' });
		receiver.statuses.push(500);
		await s.api.post(conversationsPath, { name: 'Before reset', channelId: DEMO.channels.sms });
		await eventually(() => receiver.requests.length >= 1, 'the first attempt');
		await new Promise((resolve) => setTimeout(resolve, 5));
		await s.api.post('/_sandbox/reset', { seed: 'demo' });
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(receiver.requests).toHaveLength(1);
		expect((await s.api.get('/_sandbox/deliveries')).data.results).toEqual([]);
	});

	it('the signing keys are visible to tests under /_sandbox only', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.created' });
		const all = await s.api.get('/_sandbox/webhook-subscriptions');
		expect(all.data.results[0].signingKey).toBe(signingKey);
	});
});

describe('delivery timeouts', () => {
	it('an endpoint that does not answer in time is retried like a non-2xx', async () => {
		const quick = await start({ retrySchedule: [30], deliveryTimeoutMs: 100 });
		const slow = await new Receiver().listen();
		try {
			slow.statuses.push(0);
			const sub = await quick.api.post(subscriptionsPath, {
				service: 'conversations',
				event: 'conversation.created',
				url: `${slow.url}/slow`,
			});
			await quick.api.post(conversationsPath, { name: 'Timeout', channelId: DEMO.channels.sms });
			const logs = await eventually(async () => {
				const r = await quick.api.get(`${subscriptionsPath}/${sub.data.id}/logs`);
				return r.data.results[0]?.executionStatus === 'succeeded' ? r.data.results[0] : undefined;
			}, 'the retry to succeed');
			expect(logs).toMatchObject({ attemptCount: 2, httpStatusCode: 200 });
			const details = await quick.api.get(`${subscriptionsPath}/${sub.data.id}/logs/details`, {
				params: { requestId: logs.requestId },
			});
			expect(details.data.results[0]).toMatchObject({
				attempt: 1,
				httpStatusCode: 0,
				error: expect.stringMatching(/timeout/i),
			});
		} finally {
			await quick.sandbox.close();
			await slow.close();
		}
	});
});
