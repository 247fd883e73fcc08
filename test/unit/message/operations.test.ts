import type { IDataObject } from 'n8n-workflow';

import {
	birdFixture,
	captureBody,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	WORKSPACE_PATH,
} from '../../harness';

/**
 * Message → Get, Get Many, Update and Delete through n8n's engine: the exact request each one sends, and the
 * items it outputs. Message → Send is tested in send/.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGE_ID = 'f48ee7ff-45b1-42a2-838b-ea7632180e80';
const CONTACT_ID = '8f0b5377-2edc-4116-a8e8-6a475f245a04';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;

guardNock();

describe('Message → Get', () => {
	it('GETs the message by ID and outputs it unchanged', async () => {
		const message = birdFixture('message.get');
		mockBird().get(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(200, message);
		const result = await runBirdNode({
			resource: 'message',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
			messageId: ` ${MESSAGE_ID} `,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([message]);
	});

	it('Simplify flattens an inbound HTML e-mail into a readable preview', async () => {
		const inbound = {
			...birdFixture('message.get'),
			source: 'channels',
			sender: {
				id: CONTACT_ID,
				type: 'contact',
				displayName: 'John Doe',
				contact: { identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com' },
			},
			recipients: [],
			body: { type: 'html', html: { html: '<p>Where is <b>my</b> order?</p>' } },
		};
		mockBird().get(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(200, inbound);
		const result = await runBirdNode({
			resource: 'message',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
			options: { simplify: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			id: MESSAGE_ID,
			direction: 'incoming',
			type: 'html',
			text: 'Where is my order?',
			sender: {
				id: CONTACT_ID,
				type: 'contact',
				name: 'John Doe',
				identifier: 'john.doe@bird.com',
			},
			recipients: [],
		});
	});
});

describe('Message → Get, Simplify: channel and e-mail subject', () => {
	const EMAIL_CHANNEL_ID = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c43';

	it('keeps the channel ID and the subject Bird stores in body.html.metadata.subject', async () => {
		const email = {
			...birdFixture('message.get'),
			channelId: EMAIL_CHANNEL_ID,
			body: {
				type: 'html',
				html: {
					html: '<p>Your order shipped</p>',
					text: 'Your order shipped',
					metadata: { subject: 'Order 42 shipped' },
				},
			},
		};
		mockBird().get(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(200, email);
		const result = await runBirdNode({
			resource: 'message',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
			options: { simplify: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			id: MESSAGE_ID,
			channelId: EMAIL_CHANNEL_ID,
			type: 'html',
			subject: 'Order 42 shipped',
			text: 'Your order shipped',
		});
	});

	it('has no subject for a message without one (a WhatsApp text)', async () => {
		mockBird()
			.get(`${MESSAGES_PATH}/${MESSAGE_ID}`)
			.reply(200, { ...birdFixture('message.get'), channelId: EMAIL_CHANNEL_ID });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
			options: { simplify: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].channelId).toBe(EMAIL_CHANNEL_ID);
		expect(result.json[0].subject).toBeUndefined();
	});
});

describe('Message → Get Many', () => {
	it('sends dateFrom and reverse and outputs one item per message, not the wrapper', async () => {
		const first = birdFixture('message.get');
		const second: IDataObject = {
			...birdFixture('message.create'),
			conversationId: CONVERSATION_ID,
		};
		mockBird()
			.get(MESSAGES_PATH)
			.query({ limit: '2', dateFrom: '2024-11-01T10:00:00.000Z', reverse: 'true' })
			.reply(200, { results: [first, second], nextPageToken: 'more' });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(CONVERSATION_ID),
			returnAll: false,
			limit: 2,
			filters: { dateFrom: '2024-11-01T10:00:00.000Z' },
			options: { reverse: true },
		});
		expect(result.error).toBeUndefined();
		// Oldest First also sorts by createdAt (Bird does not document what reverse does, docs/bird-api.md §3.4).
		expect(Date.parse(String(second.createdAt))).toBeLessThan(Date.parse(String(first.createdAt)));
		expect(result.json).toEqual([second, first]);
	});

	it.each([
		['an ISO string with an offset', '2024-11-28T11:00:00+01:00'],
		['a Luxon DateTime from an expression', "={{ DateTime.fromISO('2024-11-28T10:00:00Z') }}"],
	])('Created After accepts %s and sends it as a UTC ISO instant', async (_title, dateFrom) => {
		mockBird()
			.get(MESSAGES_PATH)
			.query({ limit: '50', dateFrom: '2024-11-28T10:00:00.000Z' })
			.reply(200, { results: [] });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(CONVERSATION_ID),
			filters: { dateFrom },
		});
		expect(result.error).toBeUndefined();
	});

	it('Return All follows nextPageToken with pages of 100, and Simplify applies to every page', async () => {
		const page = (n: number, prefix: string) =>
			Array.from({ length: n }, (_, i) => ({
				...birdFixture('message.get'),
				id: `${prefix}-${i}`,
				body: { type: 'text', text: { text: `${prefix} ${i}` } },
			}));
		mockBird()
			.get(MESSAGES_PATH)
			.query({ limit: '100' })
			.reply(200, { results: page(100, 'a'), nextPageToken: 'page-2' });
		mockBird()
			.get(MESSAGES_PATH)
			.query({ limit: '100', pageToken: 'page-2' })
			.reply(200, { results: page(3, 'b') });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(CONVERSATION_ID),
			returnAll: true,
			options: { simplify: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(103);
		expect(result.json[0]).toMatchObject({ id: 'a-0', text: 'a 0', direction: 'outgoing' });
		expect(result.json[102]).toMatchObject({ id: 'b-2', text: 'b 2' });
	});

	it('Limit asks only for what is still missing across pages', async () => {
		const page = (n: number, prefix: string) =>
			Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}` }));
		mockBird()
			.get(MESSAGES_PATH)
			.query({ limit: '100' })
			.reply(200, { results: page(100, 'a'), nextPageToken: 'p2' });
		mockBird()
			.get(MESSAGES_PATH)
			.query({ limit: '20', pageToken: 'p2' })
			.reply(200, { results: page(20, 'b'), nextPageToken: 'p3' });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(CONVERSATION_ID),
			returnAll: false,
			limit: 120,
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((m) => m.id)).toEqual(
			[...page(100, 'a'), ...page(20, 'b')].map((m) => m.id),
		);
	});
});

describe('Message → Update', () => {
	it('edits and publishes a draft with a PATCH (Bird’s documented example)', async () => {
		const sent = captureBody();
		const published = {
			...birdFixture('message.get'),
			body: { type: 'text', text: { text: 'Hey, listen!' } },
		};
		mockBird().patch(`${MESSAGES_PATH}/${MESSAGE_ID}`, sent.match).reply(200, published);
		const result = await runBirdNode({
			resource: 'message',
			operation: 'update',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
			publish: true,
			updateFields: { text: 'Hey, listen!' },
		});
		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			draft: false,
			body: { type: 'text', text: { text: 'Hey, listen!' } },
		});
		expect(result.json).toEqual([published]);
	});

	it('edits a draft without publishing it: recipients and reply-to, no draft flag', async () => {
		const sent = captureBody();
		mockBird()
			.patch(`${MESSAGES_PATH}/${MESSAGE_ID}`, sent.match)
			.reply(200, { ...birdFixture('message.get'), draft: true });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'update',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
			publish: false,
			updateFields: {
				recipients: {
					recipient: [
						{
							by: 'identifier',
							identifierKey: 'emailaddress',
							identifierValue: 'jane.doe@example.com',
							type: 'cc',
						},
					],
				},
				replyToMessageId: '0c854061-6026-48c7-a2e8-bffb6458727b',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			recipients: [
				{ type: 'cc', identifierKey: 'emailaddress', identifierValue: 'jane.doe@example.com' },
			],
			replyToMessageId: '0c854061-6026-48c7-a2e8-bffb6458727b',
		});
		expect(result.json[0].draft).toBe(true);
	});
});

describe('Message → Delete', () => {
	it('DELETEs the message and says what was deleted (Bird answers 204 without a body)', async () => {
		mockBird().delete(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(204);
		const result = await runBirdNode({
			resource: 'message',
			operation: 'delete',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ deleted: true, resource: 'message', id: MESSAGE_ID }]);
	});
});
