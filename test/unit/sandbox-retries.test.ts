/**
 * Retries and access errors against the Bird sandbox: real HTTP, real 429/5xx answers from its fault
 * injection and rate limiter, and the sandbox's own state to prove what was (not) done twice.
 */
import axios from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import { runBirdNode } from '../harness';

describe('retries and access errors against the sandbox', () => {
	let sb: Sandbox;
	const credentials = () => ({ accessKey: DEMO.accessKey.secret, baseUrl: sb.url });
	const faults = async (body: object) => axios.post(`${sb.url}/_sandbox/faults`, body);
	const conversationsNamed = async (name: string) => {
		const { data } = await axios.get(`${sb.url}/workspaces/${DEMO.workspaceId}/conversations`, {
			params: { limit: 100 },
			headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
		});
		return (data.results as Array<{ name: string }>).filter((c) => c.name === name);
	};

	beforeAll(async () => {
		sb = await startSandbox({
			host: '127.0.0.1',
			port: 0,
			seed: 'demo',
			rateLimits: false,
			statusProgressionMs: 0,
		});
	});
	afterEach(async () => {
		await faults({ failNext: { count: 0, status: 500 } });
	});
	afterAll(async () => sb.close());

	it('a create answered 429 twice (Retry-After 0) is retried and creates exactly one conversation', async () => {
		await faults({ failNext: { count: 2, status: 429, retryAfter: 0 } });
		const result = await runBirdNode(
			{
				resource: 'conversation',
				operation: 'create',
				name: 'Retried once',
				channelId: DEMO.channels.sms,
			},
			{ credentials: credentials() },
		);
		expect(result.error).toBeUndefined();
		expect(result.json[0].name).toBe('Retried once');
		expect(await conversationsNamed('Retried once')).toHaveLength(1);
	});

	it('503 beyond Max Retries ends in a server error, and nothing was created', async () => {
		await faults({ failNext: { count: 2, status: 503, retryAfter: 0 } });
		const result = await runBirdNode(
			{
				resource: 'conversation',
				operation: 'create',
				name: 'Never made',
				channelId: DEMO.channels.sms,
				options: { maxRetries: 1 },
			},
			{ credentials: credentials() },
		);
		expect(result.error?.message).toBe('Bird had a server error (503)');
		expect(await conversationsNamed('Never made')).toHaveLength(0);
	});

	it('a key of another workspace gets a 403 that points at the role and the Workspace ID', async () => {
		const result = await runBirdNode(
			{
				resource: 'conversation',
				operation: 'get',
				conversationId: { __rl: true, mode: 'id', value: DEMO.conversations.johnWhatsapp },
			},
			{ credentials: { ...credentials(), accessKey: DEMO.otherAccessKey.secret } },
		);
		expect(result.error?.message).toBe('Bird refused access with this access key (403)');
		expect(result.error?.description).toContain(
			'the key belongs to another workspace than the Workspace ID',
		);
		expect(result.error?.description).not.toMatch(/\bvalid\b/i);
		expect(JSON.stringify(result.result.run)).not.toContain(DEMO.otherAccessKey.secret);
	});

	it('a missing participant is named in the 404', async () => {
		const result = await runBirdNode(
			{
				resource: 'participant',
				operation: 'get',
				conversationId: { __rl: true, mode: 'id', value: DEMO.conversations.johnWhatsapp },
				lookupBy: 'identifier',
				identifierKey: 'phonenumber',
				identifierValue: '+31699999999',
			},
			{ credentials: credentials() },
		);
		expect(result.error?.message).toMatch(/participant.*\+31699999999.*404/);
	});

	it("150 items reading at once through Bird's 50 GET/s limit all succeed thanks to the retries", async () => {
		// n8n sends a declarative node's items concurrently. The limiter is the sandbox's real one; we only
		// count its 429s, and start with this second's window already full, so the test cannot pass
		// without being limited even on a slow machine that spreads the requests over several seconds.
		const limited = await startSandbox({
			host: '127.0.0.1',
			port: 0,
			seed: 'demo',
			rateLimits: true,
			statusProgressionMs: 0,
		});
		const faults = limited.context.faults as unknown as {
			checkRateLimit(workspaceId: string | undefined, method: string): void;
			windows: Map<string, { second: number; count: number }>;
		};
		let refused = 0;
		const check = faults.checkRateLimit.bind(faults);
		faults.checkRateLimit = (workspaceId, method) => {
			try {
				check(workspaceId, method);
			} catch (error) {
				refused++;
				throw error;
			}
		};
		try {
			faults.windows.set(`${DEMO.workspaceId}:GET`, {
				second: Math.floor(Date.now() / 1000),
				count: 50,
			});
			const items = Array.from({ length: 150 }, (_, i) => ({ i }));
			const get = {
				resource: 'conversation',
				operation: 'get',
				conversationId: { __rl: true, mode: 'id', value: DEMO.conversations.janeEmail },
			};
			const result = await runBirdNode(
				{ ...get, options: { maxRetries: 6 } },
				{
					credentials: { accessKey: DEMO.accessKey.secret, baseUrl: limited.url },
					items,
					continueOnFail: true,
				},
			);
			expect(result.json.filter((item) => item.error)).toEqual([]);
			expect(result.json).toHaveLength(150);
			for (const conversation of result.json)
				expect(conversation.id).toBe(DEMO.conversations.janeEmail);
			expect(refused).toBeGreaterThan(0);
		} finally {
			await limited.close();
		}
		// Backoff with jitter can add up to tens of seconds on a loaded machine; this is not a timing assertion.
	}, 90_000);
});
