import type { IDataObject } from 'n8n-workflow';

import {
	birdFixture,
	captureBody,
	DEMO_IDS,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	WORKSPACE_PATH,
} from '../../harness';

const CONVERSATION_ID = '907798f8-fd72-44d5-8042-fcc05c1bb570';

guardNock();

describe('Conversation → Create', () => {
	it("sends Bird's documented WhatsApp template example and returns the created conversation", async () => {
		const sent = captureBody();
		const created = birdFixture('conversation.create-whatsapp-template');
		mockBird().post(`${WORKSPACE_PATH}/conversations`, sent.match).reply(201, created);

		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'create',
			name: 'Ticket name',
			channelId: '199f0353-fcb8-41b2-afd6-614c6baf3850',
			participants: {
				participant: [
					{
						kind: 'contactByIdentifier',
						identifierKey: 'phonenumber',
						identifierValue: '+31612345678',
					},
				],
			},
			initialMessageType: 'template',
			templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
			templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
			templateLocale: 'en',
			templateParameters: { parameter: [{ key: 'age', value: '20', type: 'string' }] },
			additionalFields: {
				attributes: { attribute: [{ key: 'my-custom-attribute', value: '123' }] },
			},
		});

		expect(result.error).toBeUndefined();
		// The request body of Bird's create-conversation example (docs/bird-api.md §2.2), field for field.
		expect(sent.body).toEqual({
			name: 'Ticket name',
			channelId: '199f0353-fcb8-41b2-afd6-614c6baf3850',
			participants: [
				{ type: 'contact', identifierKey: 'phonenumber', identifierValue: '+31612345678' },
			],
			initialMessage: {
				template: {
					projectId: '4720942c-9bde-4934-ab77-f600743894a1',
					version: '5c0e4db5-20f2-4224-86f4-fce052997608',
					locale: 'en',
					parameters: [{ type: 'string', key: 'age', value: '20' }],
				},
				recipients: [{ identifierKey: 'phonenumber', identifierValue: '+31612345678', type: 'to' }],
			},
			attributes: { 'my-custom-attribute': '123' },
		});
		expect(result.json).toEqual([created]);
	});

	it('sends a text initial message, the three participant kinds and every optional field', async () => {
		const sent = captureBody();
		mockBird()
			.post(`${WORKSPACE_PATH}/conversations`, sent.match)
			.reply(201, birdFixture('conversation.create-email'));

		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'create',
			name: 'Email Subject',
			channelId: DEMO_IDS.channels.email,
			participants: {
				participant: [
					{
						kind: 'contactByIdentifier',
						identifierKey: 'emailaddress',
						identifierValue: ' jane.doe@example.com ',
					},
					{ kind: 'contactById', contactId: '8f0b5377-2edc-4116-a8e8-6a475f245a04' },
					{
						kind: 'other',
						participantType: 'user',
						participantId: 'e0b759f7-c366-4223-87a5-d1186ba4644f',
					},
				],
			},
			initialMessageType: 'text',
			initialMessageText: 'Hello from n8n',
			additionalFields: {
				description: 'Order 42',
				visibility: 'private',
				accessibility: 'invite-only',
				reference: 'order-42-first',
				attributes: { attribute: [{ key: 'orderId', value: '42' }] },
			},
		});

		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			name: 'Email Subject',
			channelId: DEMO_IDS.channels.email,
			participants: [
				{ type: 'contact', identifierKey: 'emailaddress', identifierValue: 'jane.doe@example.com' },
				{ type: 'contact', id: '8f0b5377-2edc-4116-a8e8-6a475f245a04' },
				{ type: 'user', id: 'e0b759f7-c366-4223-87a5-d1186ba4644f' },
			],
			description: 'Order 42',
			visibility: 'private',
			accessibility: 'invite-only',
			attributes: { orderId: '42' },
			initialMessage: {
				body: { type: 'text', text: { text: 'Hello from n8n' } },
				recipients: [
					{ type: 'to', identifierKey: 'emailaddress', identifierValue: 'jane.doe@example.com' },
					{ type: 'to', id: '8f0b5377-2edc-4116-a8e8-6a475f245a04' },
				],
				reference: 'order-42-first',
			},
		});
		expect(result.json[0].id).toBe('2280c45c-60d5-45a2-b51d-06ea752ca167');
	});

	it('sends only name and channel when nothing else is set, and simplifies the answer on request', async () => {
		const sent = captureBody();
		mockBird()
			.post(`${WORKSPACE_PATH}/conversations`, sent.match)
			.reply(201, birdFixture('conversation.get'));
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'create',
			name: 'test',
			channelId: DEMO_IDS.channels.sms,
			options: { simplify: true },
		});
		expect(sent.body).toEqual({ name: 'test', channelId: DEMO_IDS.channels.sms });
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ id: CONVERSATION_ID, name: 'test', status: 'active' });
		expect(result.json[0]).not.toHaveProperty('featuredParticipants');
	});

	it('trims the Identifier Key of a participant row, like its value (both also address the initial message)', async () => {
		const sent = captureBody();
		mockBird()
			.post(`${WORKSPACE_PATH}/conversations`, sent.match)
			.reply(201, birdFixture('conversation.get'));
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'create',
			name: 'Order 123',
			channelId: DEMO_IDS.channels.sms,
			participants: {
				participant: [
					{
						kind: 'contactByIdentifier',
						identifierKey: ' phonenumber\n',
						identifierValue: '+31612345678 ',
					},
				],
			},
			initialMessageType: 'text',
			initialMessageText: 'Your order shipped',
		});
		expect(result.error).toBeUndefined();
		expect(sent.body?.participants).toEqual([
			{ type: 'contact', identifierKey: 'phonenumber', identifierValue: '+31612345678' },
		]);
		expect((sent.body?.initialMessage as IDataObject).recipients).toEqual([
			{ type: 'to', identifierKey: 'phonenumber', identifierValue: '+31612345678' },
		]);
	});
});

describe('Conversation → Get', () => {
	it('GETs one conversation by the ID in the locator and returns it unchanged', async () => {
		const conversation = birdFixture('conversation.get');
		mockBird().get(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`).reply(200, conversation);
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([conversation]);
	});

	it('accepts the From List mode value too', async () => {
		mockBird()
			.get(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`)
			.reply(200, birdFixture('conversation.get'));
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'get',
			conversationId: {
				__rl: true,
				mode: 'list',
				value: CONVERSATION_ID,
				cachedResultName: 'test',
			},
		});
		expect(result.json[0].id).toBe(CONVERSATION_ID);
	});

	it('Simplify returns the flat shape: id, name, status, channel, last message, participants, timestamps', async () => {
		const conversation = birdFixture('conversation.get');
		mockBird().get(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`).reply(200, conversation);
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
			options: { simplify: true },
		});
		const flat = result.json[0];
		const last = conversation.lastMessage as IDataObject;
		expect(flat).toMatchObject({
			id: conversation.id,
			name: conversation.name,
			status: conversation.status,
			channelId: conversation.channelId,
			lastMessageId: last.id,
			lastMessageType: last.type,
			lastMessagePreview: (last.preview as IDataObject).text,
			createdAt: conversation.createdAt,
			updatedAt: conversation.updatedAt,
		});
		expect(flat.participants).toEqual(
			(conversation.featuredParticipants as IDataObject[]).map((p) =>
				expect.objectContaining({ id: p.id, type: p.type }),
			),
		);
		expect(flat.lastMessageSender).toMatchObject({ id: (last.sender as IDataObject).id as string });
		// Flat means no nested Bird objects beyond the participant summaries.
		for (const key of ['featuredParticipants', 'lastMessage', 'initiatingParticipant'])
			expect(flat).not.toHaveProperty(key);
	});
});

describe('Conversation → Get Many', () => {
	it('asks for the Limit (default 50) and returns each conversation as its own item, not the wrapper', async () => {
		const page = birdFixture('conversation.list');
		delete page.nextPageToken;
		mockBird().get(`${WORKSPACE_PATH}/conversations`).query({ limit: '50' }).reply(200, page);
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: false,
			limit: 50,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(page.results);
		expect(result.json.length).toBeGreaterThan(1);
	});

	it('passes the resource filter and Oldest First as query parameters', async () => {
		mockBird()
			.get(`${WORKSPACE_PATH}/conversations`)
			.query({ limit: '5', resource: 'task:ab651378-579a-4491-abe6-eec97d4c0fa3', reverse: 'true' })
			.reply(200, { results: [] });
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			limit: 5,
			filters: { resource: 'task:ab651378-579a-4491-abe6-eec97d4c0fa3' },
			options: { reverse: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([]);
	});
});

describe('Conversation → Update', () => {
	it('PATCHes only the fields that were added, attributes merged over the stored ones (Attributes Mode default)', async () => {
		const sent = captureBody();
		const updated = birdFixture('conversation.update');
		mockBird()
			.get(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`)
			.reply(200, {
				...birdFixture('conversation.get'),
				attributes: { ticketId: '123', 'my-attribute': 'old' },
			});
		mockBird()
			.patch(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`, sent.match)
			.reply(200, updated);
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(CONVERSATION_ID),
			updateFields: {
				name: 'Support Ticket #123',
				description: 'description',
				visibility: 'private',
				accessibility: 'invite-only',
				status: 'closed',
				attributes: { attribute: [{ key: 'my-attribute', value: '123' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			name: 'Support Ticket #123',
			description: 'description',
			visibility: 'private',
			accessibility: 'invite-only',
			status: 'closed',
			attributes: { ticketId: '123', 'my-attribute': '123' },
		});
		expect(result.json).toEqual([updated]);
	});

	it('refuses an update with no field before any request', async () => {
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(CONVERSATION_ID),
			updateFields: {},
		});
		expect(result.error?.message).toMatch(/Update Fields/);
	});
});

describe('Conversation → Delete', () => {
	it('DELETEs the conversation and says what was deleted (Bird answers 204 without a body)', async () => {
		mockBird().delete(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`).reply(204);
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'delete',
			conversationId: locator(CONVERSATION_ID),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ deleted: true, resource: 'conversation', id: CONVERSATION_ID }]);
	});
});

describe('Conversation → Get Many by Participant', () => {
	it('looks a contact up by identifier, URL-encoding "+" as %2B, with channel and status filters', async () => {
		const page = birdFixture('participant.conversations');
		mockBird()
			.get(`${WORKSPACE_PATH}/participants/phonenumber/%2B31612345678/conversations`)
			.query({ channelId: DEMO_IDS.channels.whatsapp, status: 'active', limit: '50' })
			.reply(200, page);
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getManyByParticipant',
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: '+31612345678',
			channelId: DEMO_IDS.channels.whatsapp,
			filters: { status: 'active' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(page.results);
	});

	it('looks a participant up by ID', async () => {
		const participantId = '82db510f-a013-41e9-a19b-808955469764';
		mockBird()
			.get(`${WORKSPACE_PATH}/participants/${participantId}/conversations`)
			.query({ channelId: DEMO_IDS.channels.sms, limit: '10' })
			.reply(200, { results: [] });
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getManyByParticipant',
			lookupBy: 'id',
			participantId,
			channelId: DEMO_IDS.channels.sms,
			limit: 10,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([]);
	});
});
