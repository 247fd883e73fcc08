import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	birdFixture,
	runBirdNode,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../harness';

/** Message operations through n8n's engine: the exact request each one sends, and the items it outputs. */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGE_ID = 'f48ee7ff-45b1-42a2-838b-ea7632180e80';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const CONTACT_ID = '8f0b5377-2edc-4116-a8e8-6a475f245a04';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;
const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const bird = () =>
	nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } });

/** Captures the JSON body nock received, so a mismatch shows a readable diff instead of "no match". */
function capture(): { body?: IDataObject; match: (body: IDataObject) => boolean } {
	const holder: { body?: IDataObject; match: (body: IDataObject) => boolean } = {
		match: (body) => {
			holder.body = body;
			return true;
		},
	};
	return holder;
}

const send = (extra: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	...extra,
});

/** Sends with `parameters`, answering 201 with Bird's quickstart response; returns what Bird received. */
async function sentBody(parameters: INodeParameters): Promise<IDataObject | undefined> {
	const sent = capture();
	bird().post(MESSAGES_PATH, sent.match).reply(201, birdFixture('message.create'));
	const result = await runBirdNode(send(parameters));
	expect(result.error).toBeUndefined();
	return sent.body;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

describe('Message → Send', () => {
	it("sends Bird's quickstart example (text, recipient by contact ID) and outputs the created message", async () => {
		const sent = capture();
		const created = birdFixture('message.create');
		bird().post(MESSAGES_PATH, sent.match).reply(201, created);

		const result = await runBirdNode(
			send({
				messageType: 'text',
				text: 'Hey there!',
				recipients: { recipient: [{ by: 'id', contactId: CONTACT_ID, type: 'to' }] },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			participantType: 'accessKey',
			participantId: ACCESS_KEY_ID,
			addMissingParticipants: true,
			recipients: [{ type: 'to', id: CONTACT_ID }],
			body: { type: 'text', text: { text: 'Hey there!' } },
		});
		expect(result.json).toEqual([created]);
	});

	it('also finds the conversation when it was picked From List', async () => {
		const sent = capture();
		bird().post(MESSAGES_PATH, sent.match).reply(201, birdFixture('message.create'));
		const result = await runBirdNode(
			send({ conversationId: locator(CONVERSATION_ID, 'list'), text: 'From the list' }),
		);
		expect(result.error).toBeUndefined();
		expect(sent.body?.body).toEqual({ type: 'text', text: { text: 'From the list' } });
	});

	it('sends recipients by identifier with cc/bcc, every optional field, and a contact as sender', async () => {
		const body = await sentBody({
			senderType: 'contact',
			senderId: ` ${CONTACT_ID} `,
			messageType: 'html',
			html: '<p>Your order <b>42</b> shipped</p>',
			text: 'Your order 42 shipped',
			subject: 'Order 42',
			recipients: {
				recipient: [
					{
						by: 'identifier',
						identifierKey: 'emailaddress',
						identifierValue: ' jane.doe@example.com ',
						type: 'to',
					},
					{
						by: 'identifier',
						identifierKey: 'emailaddress',
						identifierValue: 'team@example.com',
						type: 'cc',
					},
					{ by: 'id', contactId: CONTACT_ID, type: 'bcc' },
				],
			},
			additionalFields: {
				addMissingParticipants: false,
				draft: true,
				reference: 'order-42-shipped',
				replyToMessageId: MESSAGE_ID,
				senderName: 'Acme Support',
				senderEmail: 'support@acme.example',
				replyToAddress: 'help@acme.example',
			},
		});
		expect(body).toEqual({
			participantType: 'contact',
			participantId: CONTACT_ID,
			addMissingParticipants: false,
			body: {
				type: 'html',
				html: {
					html: '<p>Your order <b>42</b> shipped</p>',
					text: 'Your order 42 shipped',
					metadata: { subject: 'Order 42' },
				},
			},
			recipients: [
				{ type: 'to', identifierKey: 'emailaddress', identifierValue: 'jane.doe@example.com' },
				{ type: 'cc', identifierKey: 'emailaddress', identifierValue: 'team@example.com' },
				{ type: 'bcc', id: CONTACT_ID },
			],
			draft: true,
			reference: 'order-42-shipped',
			replyToMessageId: MESSAGE_ID,
			sender: {
				name: 'Acme Support',
				email: 'support@acme.example',
				emailReplyToAddress: 'help@acme.example',
			},
		});
	});

	it('sends an image by URL with its caption as text and alt text', async () => {
		const body = await sentBody({
			messageType: 'image',
			mediaSource: 'url',
			mediaUrl: ' https://example.com/receipt.png ',
			caption: 'Your receipt',
		});
		expect(body?.body).toEqual({
			type: 'image',
			image: {
				images: [{ mediaUrl: 'https://example.com/receipt.png', altText: 'Your receipt' }],
				text: 'Your receipt',
			},
		});
	});

	it('sends a file by URL with its content type and file name', async () => {
		const body = await sentBody({
			messageType: 'file',
			mediaUrl: 'https://example.com/invoice-42.pdf',
			fileContentType: 'application/pdf',
			fileName: 'invoice-42.pdf',
			caption: 'Invoice 42',
		});
		expect(body?.body).toEqual({
			type: 'file',
			file: {
				files: [
					{
						mediaUrl: 'https://example.com/invoice-42.pdf',
						contentType: 'application/pdf',
						filename: 'invoice-42.pdf',
					},
				],
				text: 'Invoice 42',
			},
		});
	});

	it('sends a GIF by URL', async () => {
		const body = await sentBody({ messageType: 'gif', mediaUrl: 'https://example.com/party.gif' });
		expect(body?.body).toEqual({ type: 'gif', gif: { mediaUrl: 'https://example.com/party.gif' } });
	});

	it('sends a location with coordinates, address and label', async () => {
		const body = await sentBody({
			messageType: 'location',
			latitude: 52.370216,
			longitude: 4.895168,
			address: 'Dam 1, Amsterdam',
			label: 'Main office',
		});
		expect(body?.body).toEqual({
			type: 'location',
			location: {
				coordinates: { latitude: 52.370216, longitude: 4.895168 },
				location: { address: 'Dam 1, Amsterdam', label: 'Main office' },
			},
		});
	});

	it('sends a template with typed parameters instead of a body', async () => {
		const body = await sentBody({
			messageType: 'template',
			templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
			templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
			templateLocale: 'nl',
			templateParameters: {
				parameter: [
					{ key: 'name', value: 'John', type: 'string' },
					{ key: 'orderCount', value: '3', type: 'number' },
					{ key: 'vip', value: 'true', type: 'boolean' },
				],
			},
			recipients: {
				recipient: [
					{
						by: 'identifier',
						identifierKey: 'phonenumber',
						identifierValue: '+31612345678',
						type: 'to',
					},
				],
			},
		});
		expect(body).toEqual({
			participantType: 'accessKey',
			participantId: ACCESS_KEY_ID,
			addMissingParticipants: true,
			template: {
				projectId: '4720942c-9bde-4934-ab77-f600743894a1',
				version: '5c0e4db5-20f2-4224-86f4-fce052997608',
				locale: 'nl',
				parameters: [
					{ type: 'string', key: 'name', value: 'John' },
					{ type: 'number', key: 'orderCount', value: 3 },
					{ type: 'boolean', key: 'vip', value: true },
				],
			},
			recipients: [{ type: 'to', identifierKey: 'phonenumber', identifierValue: '+31612345678' }],
		});
		expect(body).not.toHaveProperty('body');
	});

	it('sends one message per input item, with expressions resolved per item', async () => {
		const bodies: IDataObject[] = [];
		bird()
			.post(MESSAGES_PATH, (b: IDataObject) => {
				bodies.push(b);
				return true;
			})
			.times(2)
			.reply(201, (_uri, b) => ({
				...birdFixture('message.create'),
				body: (b as IDataObject).body,
			}));
		const result = await runBirdNode(send({ text: '=Hello {{ $json.name }}' }), {
			items: [{ name: 'Ann' }, { name: 'Bob' }],
		});
		expect(result.error).toBeUndefined();
		expect(bodies.map((b) => b.body)).toEqual([
			{ type: 'text', text: { text: 'Hello Ann' } },
			{ type: 'text', text: { text: 'Hello Bob' } },
		]);
		expect(result.json.map((m) => (m.body as IDataObject).text)).toEqual([
			{ text: 'Hello Ann' },
			{ text: 'Hello Bob' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Simplify returns the flat message view', async () => {
		bird().post(MESSAGES_PATH).reply(201, birdFixture('message.create'));
		const result = await runBirdNode(send({ text: 'Hey there!', options: { simplify: true } }));
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				id: '0c854061-6026-48c7-a2e8-bffb6458727b',
				conversationId: CONVERSATION_ID,
				status: 'accepted',
				direction: 'outgoing',
				type: 'text',
				text: 'Hey, listen!',
				draft: false,
				sender: { id: ACCESS_KEY_ID, type: 'accessKey', name: 'My first key' },
				recipients: [
					{ type: 'to', id: CONTACT_ID, identifier: 'some.customer@example.com', name: 'John Doe' },
				],
				createdAt: '2024-11-25T20:12:10.514Z',
				updatedAt: '2024-11-25T20:12:10.514Z',
			},
		]);
	});
});

describe('Message → Get', () => {
	it('GETs the message by ID and outputs it unchanged', async () => {
		const message = birdFixture('message.get');
		bird().get(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(200, message);
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
		bird().get(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(200, inbound);
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
		bird().get(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(200, email);
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
		bird()
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
		bird()
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
		bird()
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
		bird()
			.get(MESSAGES_PATH)
			.query({ limit: '100' })
			.reply(200, { results: page(100, 'a'), nextPageToken: 'page-2' });
		bird()
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
		bird()
			.get(MESSAGES_PATH)
			.query({ limit: '100' })
			.reply(200, { results: page(100, 'a'), nextPageToken: 'p2' });
		bird()
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
		const sent = capture();
		const published = {
			...birdFixture('message.get'),
			body: { type: 'text', text: { text: 'Hey, listen!' } },
		};
		bird().patch(`${MESSAGES_PATH}/${MESSAGE_ID}`, sent.match).reply(200, published);
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
		const sent = capture();
		bird()
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
		bird().delete(`${MESSAGES_PATH}/${MESSAGE_ID}`).reply(204);
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
