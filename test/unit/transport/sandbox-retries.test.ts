/**
 * The retry policy against the Bird sandbox, through n8n's engine: real HTTP, real 429/5xx answers from its
 * fault injection (`/_sandbox/faults`) and rate limiter, and the sandbox's own state to prove what was (not)
 * done twice. Retry-After is honoured, a write Bird processed is never repeated, failures are bounded by Max
 * Retries, concurrent items each retry on their own, access errors are not retried, and the trigger's
 * lifecycle GET retries too.
 *
 * Merged from retries-against-sandbox.test.ts and sandbox-retries.test.ts (their dropped-connection test is
 * in connection-failure.test.ts). Waits are recorded, not slept (./support): the sandbox's faults are
 * counted, not timed, and the rate-limit test lets the limiter's second pass on each recorded wait.
 */
import type { IncomingMessage } from 'node:http';

import axios from 'axios';

import { startSandbox } from '../../../sandbox/server';
import { DEMO } from '../../../sandbox/seed';
import { locator, runBirdNode, UNIT_SANDBOX_OPTIONS, useSandbox } from '../../harness';
import { sandboxCredentials } from '../../harness/trigger-sandbox';
import { triggerWorld } from './fixtures';
import { onSleep, sleeps } from './support';

jest.mock('n8n-workflow', () => jest.requireActual('./support').withRecordedSleep());

const byId = locator;
const getJohn = {
	resource: 'conversation',
	operation: 'get',
	conversationId: byId(DEMO.conversations.johnWhatsapp),
};
const create = (name: string, options?: Record<string, unknown>) => ({
	resource: 'conversation',
	operation: 'create',
	name,
	channelId: DEMO.channels.sms,
	...(options ? { options } : {}),
});

describe('retries against the sandbox', () => {
	const sb = useSandbox();
	const run = sb.run;
	const fault = async (settings: Record<string, unknown>) =>
		await axios.post(`${sb.url}/_sandbox/faults`, settings);
	const conversationsNamed = (name: string) =>
		sb.context.store.data.conversations.filter((c) => c.name === name);

	beforeEach(async () => {
		sleeps.length = 0;
		await axios.post(`${sb.url}/_sandbox/reset`, { seed: 'demo' });
		await fault({ failNext: { count: 0, status: 500 }, dropNext: 0 });
	});

	it('two 429s with Retry-After: 1 are waited out (1 s each) and the third try succeeds', async () => {
		await fault({ failNext: { count: 2, status: 429, retryAfter: 1 } });
		const result = await run(getJohn);
		expect(result.error).toBeUndefined();
		expect(result.json[0].id).toBe(DEMO.conversations.johnWhatsapp);
		expect(sleeps).toEqual([1000, 1000]);
	});

	it.each([
		['429 twice with Retry-After: 0', { count: 2, status: 429, retryAfter: 0 }, [0, 0]],
		['503 once (the sandbox sends Retry-After: 1)', { count: 1, status: 503 }, [1000]],
	])(
		'a create answered %s is retried and the conversation exists exactly once',
		async (_label, failNext, waits) => {
			await fault({ failNext });
			const result = await run(create('Retried once'));
			expect(result.error).toBeUndefined();
			expect(sleeps).toEqual(waits);
			expect(result.json[0].name).toBe('Retried once');
			expect(conversationsNamed('Retried once')).toHaveLength(1);
			expect(result.json[0].id).toBe(conversationsNamed('Retried once')[0].id);
		},
	);

	it('500s beyond Max Retries end in an error carrying Bird’s code and message, after exactly 1 + Max Retries tries', async () => {
		await fault({ failNext: { count: 5, status: 500 } });
		const result = await run({ ...getJohn, options: { maxRetries: 2 } });
		expect(result.error?.message).toBe('Bird had a server error (500)');
		expect(result.error?.description).toContain('InternalServerError');
		expect(result.error?.description).toContain('Injected failure (500)');
		expect(sleeps).toHaveLength(2);
		// Three of the five queued failures were used: the node stopped after 1 try + 2 retries.
		expect(sb.context.faults.settings.failNext?.count).toBe(2);
	});

	it('503 beyond Max Retries on a create ends in a server error, and nothing was created', async () => {
		await fault({ failNext: { count: 2, status: 503, retryAfter: 0 } });
		const result = await run(create('Never made', { maxRetries: 1 }));
		expect(result.error?.message).toBe('Bird had a server error (503)');
		expect(sleeps).toEqual([0]);
		expect(conversationsNamed('Never made')).toHaveLength(0);
	});

	it('items run concurrently and each retries its own 429', async () => {
		await fault({ failNext: { count: 3, status: 429, retryAfter: 1 } });
		const ids = [
			DEMO.conversations.johnWhatsapp,
			DEMO.conversations.janeEmail,
			DEMO.conversations.mariaSmsClosed,
		];
		const result = await run(
			{ ...getJohn, conversationId: byId('={{ $json.id }}') },
			{ items: [...ids, ...ids].map((id) => ({ id })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.json.map((conversation) => conversation.id)).toEqual([...ids, ...ids]);
		expect(sleeps).toEqual([1000, 1000, 1000]);
	});

	describe('access errors are reported at once, never retried', () => {
		it('a key of another workspace gets a 403 that points at the role and the Workspace ID', async () => {
			const result = await run(getJohn, {
				credentials: { accessKey: DEMO.otherAccessKey.secret },
			});
			expect(result.error?.message).toBe('Bird refused access with this access key (403)');
			expect(result.error?.description).toContain(
				'the key belongs to another workspace than the Workspace ID',
			);
			expect(result.error?.description).not.toMatch(/\bvalid\b/i);
			expect(JSON.stringify(result.result.run)).not.toContain(DEMO.otherAccessKey.secret);
			expect(sleeps).toEqual([]);
		});

		it('a missing participant is named in the 404', async () => {
			const result = await run({
				resource: 'participant',
				operation: 'get',
				conversationId: byId(DEMO.conversations.johnWhatsapp),
				lookupBy: 'identifier',
				identifierKey: 'phonenumber',
				identifierValue: '+31699999999',
			});
			expect(result.error?.message).toMatch(/participant.*\+31699999999.*404/);
			expect(sleeps).toEqual([]);
		});
	});

	it('the trigger’s lifecycle GET retries a 503 and still finds its subscription', async () => {
		const trigger = await startSandbox({ ...UNIT_SANDBOX_OPTIONS, allowLocalWebhookUrls: true });
		const gets: string[] = [];
		trigger.app.server.on('request', (request: IncomingMessage) => {
			if (request.method === 'GET' && /webhook-subscriptions\/[^?]+$/.test(request.url ?? ''))
				gets.push(String(request.url));
		});
		try {
			const w = triggerWorld(sandboxCredentials(trigger));
			await w.activate();
			sleeps.length = 0;
			await axios.post(`${trigger.url}/_sandbox/faults`, {
				failNext: { count: 1, status: 503, retryAfter: 0 },
			});
			expect(await w.hook('checkExists')).toBe(true);
			expect(gets).toHaveLength(2);
			expect(sleeps).toEqual([0]);
		} finally {
			await trigger.close();
		}
	});
});

it("150 items reading at once through Bird's 50 GET/s limit all succeed thanks to the retries", async () => {
	// n8n sends a declarative node's items concurrently. The limiter is the sandbox's real one; we only
	// count its 429s, and start with this second's window already full, so the test cannot pass without
	// being limited. Each recorded wait lets the limiter's second pass (its windows are cleared), so the
	// test neither sleeps nor depends on how fast the machine is.
	sleeps.length = 0;
	const limited = await startSandbox({ ...UNIT_SANDBOX_OPTIONS, rateLimits: true });
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
	const nextSecond = () => faults.windows.clear();
	onSleep.push(nextSecond);
	try {
		faults.windows.set(`${DEMO.workspaceId}:GET`, {
			second: Math.floor(Date.now() / 1000),
			count: 50,
		});
		const items = Array.from({ length: 150 }, (_, i) => ({ i }));
		const get = { ...getJohn, conversationId: byId(DEMO.conversations.janeEmail) };
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
		// Every refused request waited as the limiter's Retry-After: 1 said, once per 429.
		expect(sleeps.filter((ms) => ms === 1000)).toHaveLength(refused);
	} finally {
		onSleep.splice(onSleep.indexOf(nextSecond), 1);
		await limited.close();
	}
}, 30_000);
