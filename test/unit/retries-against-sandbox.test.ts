/**
 * The retry policy against the Bird sandbox's fault injection (`/_sandbox/faults`), through n8n's engine:
 * Retry-After is honoured, a write Bird processed is never repeated (checked in the sandbox's own state),
 * failures are bounded by Max Retries, and concurrent items each retry on their own.
 */
import axios from 'axios';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import { runBirdNode } from '../harness';

// Record the waits instead of waiting: the sandbox's faults are counted, not timed, so nothing depends
// on real time and the recorded values show which delay the node chose.
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

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('retries against the sandbox', () => {
	let sb: Sandbox;
	const run = (parameters: Record<string, unknown>, options: Record<string, unknown> = {}) =>
		runBirdNode(parameters as never, {
			credentials: { accessKey: DEMO.accessKey.secret, baseUrl: sb.url },
			...options,
		});
	const fault = async (settings: Record<string, unknown>) =>
		await axios.post(`${sb.url}/_sandbox/faults`, settings);
	const conversationsNamed = (name: string) =>
		sb.context.store.data.conversations.filter((c) => c.name === name);
	const getJohn = {
		resource: 'conversation',
		operation: 'get',
		conversationId: byId(DEMO.conversations.johnWhatsapp),
	};
	const create = (name: string) => ({
		resource: 'conversation',
		operation: 'create',
		name,
		channelId: DEMO.channels.sms,
	});

	beforeAll(async () => {
		sb = await startSandbox({
			host: '127.0.0.1',
			port: 0,
			seed: 'demo',
			rateLimits: false,
			statusProgressionMs: 0,
		});
	});
	afterAll(async () => sb.close());
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

	it('a create answered 503 is retried and the conversation exists exactly once', async () => {
		await fault({ failNext: { count: 1, status: 503 } });
		const result = await run(create('Retried once'));
		expect(result.error).toBeUndefined();
		expect(sleeps).toHaveLength(1);
		expect(conversationsNamed('Retried once')).toHaveLength(1);
		expect(result.json[0].id).toBe(conversationsNamed('Retried once')[0].id);
	});

	it('a create Bird processed but whose answer was cut off is not sent again', async () => {
		await fault({ dropNext: 1 });
		const result = await run(create('Answer lost'));
		expect(result.error?.message).toBe(`Could not reach Bird at ${sb.url}`);
		expect(result.error?.description).toMatch(
			/not repeated because Bird may already have processed it/,
		);
		expect(sleeps).toEqual([]);
		// Bird (the sandbox) did create it; a retry would have made a second one.
		expect(conversationsNamed('Answer lost')).toHaveLength(1);
	});

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
});
