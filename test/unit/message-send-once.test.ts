import axios from 'axios';
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import { runBirdNode, TEST_BASE_URL, WORKSPACE_PATH } from '../harness';

/**
 * "A retry never sends a message twice": Send is retried only when Bird says the message was not taken
 * (429, 5xx), never after a 2xx and never after a connection failure (the message may have arrived;
 * shown with the sandbox dropping the connection after storing the message). Retry-After 0 keeps these
 * tests instant without replacing the wait.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;
const send = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: CONVERSATION_ID },
	senderId: '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c',
	messageType: 'text',
	text: 'Only once',
	...extra,
});
const created = (body: IDataObject) => ({
	id: '0c854061-6026-48c7-a2e8-bffb6458727b',
	status: 'accepted',
	draft: false,
	...body,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => {
	// Leave no nock state behind for further test files in this jest process.
	nock.enableNetConnect();
	nock.restore();
});

describe('Send is never repeated after Bird took the message', () => {
	it('429 then 201: sent again after the wait, and Bird receives the created message once', async () => {
		const accepted: IDataObject[] = [];
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH)
			.reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '0' })
			.post(MESSAGES_PATH)
			.reply(201, (_uri, body) => {
				accepted.push(body as IDataObject);
				return created(body as IDataObject);
			});
		const { error, json } = await runBirdNode(send());
		expect(error).toBeUndefined();
		expect(accepted).toHaveLength(1);
		expect(json).toEqual([
			expect.objectContaining({
				status: 'accepted',
				body: { type: 'text', text: { text: 'Only once' } },
			}),
		]);
	});

	it('a 201 is final: two input items make exactly two requests, even when the first answer is slow', async () => {
		let requests = 0;
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH)
			.times(2)
			.delay(50)
			.reply(201, (_uri, body) => {
				requests++;
				return created(body as IDataObject);
			});
		const { error, json } = await runBirdNode(send({ text: '={{ $json.t }}' }), {
			items: [{ t: 'a' }, { t: 'b' }],
		});
		expect(error).toBeUndefined();
		expect(requests).toBe(2);
		expect(json.map((m) => (m.body as { text: { text: string } }).text.text).sort()).toEqual([
			'a',
			'b',
		]);
	});

	it('5xx until Max Retries is exhausted: Max Retries + 1 attempts, then the server error', async () => {
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH)
			.times(3)
			.reply(503, { code: 'ServiceUnavailable', message: 'try later' }, { 'Retry-After': '0' });
		const { error } = await runBirdNode(send({ options: { maxRetries: 2 } }));
		expect(error?.message).toBe('Bird had a server error (503)');
		expect(error?.description).toContain('ServiceUnavailable — try later');
	});

	it('Max Retries 0 sends once and reports the 429', async () => {
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH)
			.once()
			.reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '0' });
		const { error } = await runBirdNode(send({ options: { maxRetries: 0 } }));
		expect(error?.message).toMatch(/429/);
	});
});

describe('a dropped connection after Bird took the message (sandbox)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		// Only the local sandbox may be reached; everything else stays blocked.
		nock.enableNetConnect('127.0.0.1');
		sb = await startSandbox({ port: 0, rateLimits: false, statusProgressionMs: 0 });
	});
	afterAll(async () => {
		await sb.close();
		nock.disableNetConnect();
	});

	it('is not repeated: the node reports it, and Bird holds exactly one new message', async () => {
		const conversation = DEMO.conversations.johnWhatsapp;
		const before = sb.context.store.data.messages.filter(
			(m) => m.conversationId === conversation,
		).length;
		// The sandbox processes the next request, then drops the connection before answering.
		await axios.post(`${sb.url}/_sandbox/faults`, { dropNext: 1 });
		const { error } = await runBirdNode(
			{
				...send({ text: 'Sent exactly once' }),
				conversationId: { __rl: true, mode: 'id', value: conversation },
				senderId: DEMO.accessKey.id,
			},
			{ credentials: { accessKey: DEMO.accessKey.secret, baseUrl: sb.url } },
		);
		expect(error?.message).toMatch(/^Could not reach Bird at http:\/\/127\.0\.0\.1/);
		expect(error?.description).toMatch(/not repeated because Bird may already have processed it/);
		const after = sb.context.store.data.messages.filter((m) => m.conversationId === conversation);
		expect(after).toHaveLength(before + 1);
		expect(
			after.filter(
				(m) => (m.body as { text?: { text?: string } })?.text?.text === 'Sent exactly once',
			),
		).toHaveLength(1);
	});
});

describe('e-mail sender', () => {
	it('sends name, address and reply-to together', async () => {
		let sent: IDataObject | undefined;
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.reply(201, (_uri, body) => created(body as IDataObject));
		await runBirdNode(
			send({
				additionalFields: {
					senderName: ' Acme Support ',
					senderEmail: 'support@acme.example',
					replyToAddress: 'help@acme.example',
				},
			}),
		);
		expect(sent?.sender).toEqual({
			name: 'Acme Support',
			email: 'support@acme.example',
			emailReplyToAddress: 'help@acme.example',
		});
	});

	it.each([
		['an address', { senderEmail: 'support@acme.example' }],
		['a reply-to', { replyToAddress: 'help@acme.example' }],
	])(
		'refuses %s without a From name before any request, instead of silently dropping it',
		async (_label, additionalFields) => {
			const { error } = await runBirdNode(send({ additionalFields }));
			expect(error?.message).toBe('E-Mail Sender Name: is empty');
			expect(error?.description).toMatch(/From name/);
		},
	);
});
