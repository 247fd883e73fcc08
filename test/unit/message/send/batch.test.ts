/**
 * Message → Send on many items (the coded operation, actions/sendMessages.ts), through n8n's engine
 * against the sandbox: at most "Concurrent Requests" in flight, output in input order and paired with its
 * item, one request per item, a failing item stopping new sends (and named), Continue On Fail keeping
 * going, and a 429 retried for just the message that got it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { DEMO } from '../../../../sandbox/seed';
import { locator, useSandbox } from '../../../harness';
import { sleeps } from '../../transport/support';

// A 429's wait is recorded, not slept (see transport/support.ts).
jest.mock('n8n-workflow', () => jest.requireActual('../../transport/support').withRecordedSleep());

const byExpression = locator('={{ $json.conversationId }}');
const send = (options: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	conversationId: byExpression,
	senderId: DEMO.accessKey.id,
	messageType: 'text',
	text: '={{ $json.text }}',
	options,
});
const items = (
	count: number,
	conversationId: (i: number) => string = () => DEMO.conversations.johnWhatsapp,
) =>
	Array.from({ length: count }, (_, i) => ({
		conversationId: conversationId(i),
		text: `message ${i}`,
	}));

describe('Message → Send with many items', () => {
	const sb = useSandbox();
	let inFlight = 0;
	let maxInFlight = 0;
	let posts = 0;
	const run = sb.run;
	// Texts of the messages these tests sent (the demo seed has replies of its own).
	const sentTexts = () =>
		sb.context.store.data.messages
			.map((m) => (m.body as { text?: { text?: string } }).text?.text ?? '')
			.filter((text) => text.startsWith('message '));

	beforeAll(() => {
		// Counts requests in flight at the server (Node's own events; Fastify still answers them).
		sb.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
			if (request.method !== 'POST' || !request.url?.endsWith('/messages')) return;
			posts++;
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			response.on('close', () => inFlight--);
		});
	});
	beforeEach(async () => {
		await fetch(`${sb.url}/_sandbox/reset`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"seed":"demo"}',
		});
		// 20 ms per answer makes overlapping requests visible on any machine.
		await fetch(`${sb.url}/_sandbox/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"latencyMs":20}',
		});
		inFlight = 0;
		maxInFlight = 0;
		posts = 0;
	});

	it('sends each item once, with at most Concurrent Requests in flight, output in item order and paired', async () => {
		const result = await run(send({ concurrency: 3 }), { items: items(12) });
		expect(result.error).toBeUndefined();
		expect(posts).toBe(12);
		expect(maxInFlight).toBe(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 12 }, (_, i) => ({ item: i })),
		);
		const stored = new Map(sb.context.store.data.messages.map((m) => [m.id, m]));
		expect(
			result.json.map(
				(json) => (stored.get(String(json.id))?.body as { text: { text: string } }).text.text,
			),
		).toEqual(items(12).map((i) => i.text));
	});

	it('defaults to 10 in flight, and 1 sends strictly in item order', async () => {
		await run(send(), { items: items(25) });
		expect(maxInFlight).toBe(10);
		await fetch(`${sb.url}/_sandbox/reset`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"seed":"demo"}',
		});
		maxInFlight = 0;
		await run(send({ concurrency: 1 }), { items: items(6) });
		expect(maxInFlight).toBe(1);
		expect(sentTexts()).toEqual(items(6).map((i) => i.text));
	});

	it('stops sending after a failing item and names it; messages already sent stay sent', async () => {
		// Item 4 points at a conversation that does not exist: Bird answers 404.
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await run(send({ concurrency: 2 }), {
			items: items(30, (i) => (i === 4 ? missing : DEMO.conversations.johnWhatsapp)),
		});
		expect(result.error?.message).toMatch(/conversation/i);
		expect(result.error?.message).toContain(missing);
		expect(
			(result.error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex,
		).toBe(4);
		// Items 0–3 (and at most the one in flight beside item 4) went out; the rest were never sent.
		expect(posts).toBeLessThanOrEqual(6);
		expect(sentTexts()).toEqual(
			expect.arrayContaining(['message 0', 'message 1', 'message 2', 'message 3']),
		);
		expect(sentTexts()).not.toContain('message 29');
	});

	it('with Continue On Fail, reports the failing item in its place and sends all the others', async () => {
		const result = await run(send({ concurrency: 4 }), {
			items: items(8, (i) => (i === 2 ? 'not-a-uuid' : DEMO.conversations.johnWhatsapp)),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
		expect(result.json[2].error).toMatch(/^Conversation: "not-a-uuid" is not a valid ID/);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 8 }, (_, i) => ({ item: i })),
		);
		expect(posts).toBe(7);
		expect(sentTexts()).toHaveLength(7);
	});

	it('a 429 is waited out and retried for that message only; every message is stored once', async () => {
		await fetch(`${sb.url}/_sandbox/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"latencyMs":0,"failNext":{"count":1,"status":429}}',
		});
		sleeps.length = 0;
		const result = await run(send({ concurrency: 5 }), { items: items(5) });
		expect(result.error).toBeUndefined();
		expect(posts).toBe(6);
		// One wait, as the sandbox's Retry-After: 1 said, for the one message that got the 429.
		expect(sleeps).toEqual([1000]);
		expect(sentTexts().sort()).toEqual(
			items(5)
				.map((i) => i.text)
				.sort(),
		);
	});
});
