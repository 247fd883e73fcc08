/**
 * Contract tests for creating conversations (docs/bird-api.md §2.2), using the documented example
 * requests of Bird's create-conversation page
 * (https://docs.bird.com/api/conversations-api/api-reference/conversations-management/create-conversation)
 * and migration guide (https://docs.bird.com/api/connectivity-platform-migration-guide/migrating-conversations-api-actions).
 */
import whatsappTemplateResponse from '../fixtures/bird/conversation.create-whatsapp-template.json';
import { conversationsPath, DEMO, expectBirdError, start, type Started } from './support';

let s: Started;
beforeAll(async () => {
	s = await start();
});
afterAll(async () => s.sandbox.close());
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Bird's create-conversation page, first example (plain-text e-mail; its response is
// test/fixtures/bird/conversation.create-email.json), channel swapped for the demo e-mail channel.
const emailExample = {
	name: 'Email Subject',
	channelId: DEMO.channels.email,
	participants: [
		{ type: 'contact', identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com' },
	],
	initialMessage: {
		body: { type: 'text', text: { text: 'Hey, listen!' } },
		recipients: [
			{ identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com', type: 'to' },
		],
	},
	attributes: { 'my-custom-attribute': '123' },
};

// Bird's create-conversation page, third example (WhatsApp template; docs/bird-api.md §2.2; its response is
// test/fixtures/bird/conversation.create-whatsapp-template.json).
const whatsappTemplateExample = {
	name: 'Ticket name',
	channelId: DEMO.channels.whatsapp,
	participants: [
		{ type: 'contact', identifierKey: 'phonenumber', identifierValue: '+31699887766' },
	],
	initialMessage: {
		template: {
			projectId: '4720942c-9bde-4934-ab77-f600743894a1',
			version: '5c0e4db5-20f2-4224-86f4-fce052997608',
			locale: 'en',
			parameters: [{ type: 'string', key: 'age', value: '20' }],
		},
		recipients: [{ identifierKey: 'phonenumber', identifierValue: '+31699887766', type: 'to' }],
	},
	attributes: { 'my-custom-attribute': '123' },
};

describe('POST /workspaces/{workspaceId}/conversations', () => {
	it('creates the documented e-mail example: caller key joins and initiates, contact created, initial message sent', async () => {
		const response = await s.api.post(conversationsPath, emailExample);
		expect(response.status).toBe(201);
		const c = response.data;
		expect(c.id).toMatch(uuid);
		expect(c).toMatchObject({
			name: 'Email Subject',
			description: '',
			status: 'active',
			visibility: 'public',
			accessibility: 'open',
			channelId: DEMO.channels.email,
			activeParticipantCount: 2,
			pendingParticipantCount: 0,
			platformStyle: 'email',
			attributes: { 'my-custom-attribute': '123' },
			initiatingParticipant: {
				id: DEMO.accessKey.id,
				type: 'accessKey',
				displayName: DEMO.accessKey.name,
			},
			lastMessage: {
				type: 'text',
				preview: { text: 'Hey, listen!' },
				status: 'accepted',
				sender: { id: DEMO.accessKey.id, type: 'accessKey' },
			},
		});
		expect(c.featuredParticipants.map((p: { type: string }) => p.type).sort()).toEqual([
			'accessKey',
			'contact',
		]);
		const contact = c.featuredParticipants.find((p: { type: string }) => p.type === 'contact');
		expect(contact.contact).toEqual({
			identifierKey: 'emailaddress',
			identifierValue: 'john.doe@bird.com',
			platformAddress: 'john.doe@bird.com',
		});
		expect(c.lastMessageOutgoingAt).toBe(c.lastMessage.createdAt);
		expect(Date.parse(c.createdAt)).not.toBeNaN();

		// The initial message is a real message of the conversation, addressed to the created contact.
		const messages = await s.api.get(`${conversationsPath}/${c.id}/messages`);
		expect(messages.status).toBe(200);
		expect(messages.data.results).toHaveLength(1);
		expect(messages.data.results[0]).toMatchObject({
			id: c.lastMessage.id,
			body: { type: 'text', text: { text: 'Hey, listen!' } },
			recipients: [
				{
					type: 'to',
					id: contact.id,
					identifierKey: 'emailaddress',
					identifierValue: 'john.doe@bird.com',
				},
			],
			source: 'conversations',
			draft: false,
		});
	});

	it('creates the documented WhatsApp template example', async () => {
		const response = await s.api.post(conversationsPath, whatsappTemplateExample);
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({
			name: 'Ticket name',
			platformStyle: 'direct',
			activeParticipantCount: 2,
		});
		// Type and preview as in Bird's response to this example (docs/bird-api.md §2.2).
		const documented = whatsappTemplateResponse.lastMessage;
		expect(documented).toMatchObject({
			type: 'list',
			preview: { text: "Message type 'list' was sent." },
		});
		expect(response.data.lastMessage).toMatchObject({
			type: documented.type,
			preview: documented.preview,
			status: documented.status,
		});
		const message = await s.api.get(
			`${conversationsPath}/${response.data.id}/messages/${response.data.lastMessage.id}`,
		);
		expect(message.data.template).toEqual(whatsappTemplateExample.initialMessage.template);
	});

	it('creates the documented e-mail template example and the migration guide’s SMS example', async () => {
		const emailTemplate = {
			...emailExample,
			initialMessage: {
				template: {
					projectId: '5d9084b3-7cdb-4c87-bf7c-8871a1f21695',
					version: 'b33761d9-ece1-48e3-b542-b5bbf93bd8c3',
					locale: 'en',
					parameters: [{ type: 'string', key: 'myVariable', value: 'yay' }],
				},
				recipients: emailExample.initialMessage.recipients,
			},
		};
		const template = await s.api.post(conversationsPath, emailTemplate);
		expect(template.status).toBe(201);
		// Bird's response to this example reports an html last message with an empty preview (docs/bird-api.md §2.2).
		expect(template.data).toMatchObject({
			name: 'Email Subject',
			platformStyle: 'email',
			lastMessage: { type: 'html', preview: { text: '' }, status: 'accepted' },
		});

		// The migration guide's "Create a conversation" example, on the demo SMS channel.
		const migration = await s.api.post(conversationsPath, {
			participants: [
				{ type: 'contact', identifierValue: '+31627543581', identifierKey: 'phonenumber' },
			],
			name: 'My first conversation',
			channelId: DEMO.channels.sms,
			initialMessage: {
				recipients: [{ type: 'to', identifierValue: '+31627543581', identifierKey: 'phonenumber' }],
				body: { type: 'text', text: { text: 'Hello, world!' } },
			},
		});
		expect(migration.status).toBe(201);
		expect(migration.data).toMatchObject({
			name: 'My first conversation',
			channelId: DEMO.channels.sms,
			lastMessage: { preview: { text: 'Hello, world!' } },
		});

		// Its "Reply to a conversation" example: the access key already participates, no addMissingParticipants needed.
		const reply = await s.api.post(`${conversationsPath}/${migration.data.id}/messages`, {
			body: { type: 'text', text: { text: 'Aut eum ut qui quod est voluptatum numquam sit sed.' } },
			participantId: DEMO.accessKey.id,
			participantType: 'accessKey',
		});
		expect(reply.status).toBe(201);
		// Without recipients the message goes to the conversation's contacts.
		expect(reply.data.recipients).toEqual([
			expect.objectContaining({ type: 'to', identifierValue: '+31627543581' }),
		]);
	});

	it('reuses an existing contact named by identifier instead of creating a second one', async () => {
		const body = {
			name: 'Follow-up',
			channelId: DEMO.channels.whatsapp,
			participants: [
				{
					type: 'contact',
					identifierKey: 'phonenumber',
					identifierValue: DEMO.contacts.john.identifierValue,
				},
			],
		};
		const response = await s.api.post(conversationsPath, body);
		expect(response.status).toBe(201);
		const contact = response.data.featuredParticipants.find(
			(p: { type: string }) => p.type === 'contact',
		);
		expect(contact).toMatchObject({ id: DEMO.contacts.john.id, displayName: 'John Doe' });
		expect(response.data.lastMessage).toBeUndefined();
	});

	it('answers 422 InvalidPayload with JSON-path details for a body that breaks the OpenAPI schema', async () => {
		const missingName = await s.api.post(conversationsPath, { channelId: DEMO.channels.sms });
		expectBirdError(missingName, 422, 'InvalidPayload');
		expect(Object.keys(missingName.data.details)).toContain('.name');
		expect(missingName.data.details['.name'].join(' ')).toMatch(/name/);

		const tooManyParticipants = await s.api.post(conversationsPath, {
			name: 'x',
			channelId: DEMO.channels.sms,
			participants: Array.from({ length: 6 }, (_, i) => ({
				type: 'contact',
				identifierKey: 'phonenumber',
				identifierValue: `+3160000000${i}`,
			})),
		});
		expectBirdError(tooManyParticipants, 422, 'InvalidPayload');
		expect(
			Object.keys(tooManyParticipants.data.details).some((k) => k.startsWith('.participants')),
		).toBe(true);
	});

	it('rejects a channel that is not in the workspace with 422 on .channelId', async () => {
		const response = await s.api.post(conversationsPath, {
			...emailExample,
			channelId: '00000000-0000-4000-8000-000000000000',
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details['.channelId']).toBeDefined();
	});

	it('rejects an initial message whose reference already exists in the workspace with 409', async () => {
		const first = await s.api.post(conversationsPath, {
			...emailExample,
			initialMessage: { ...emailExample.initialMessage, reference: 'order-1' },
		});
		expect(first.status).toBe(201);
		const again = await s.api.post(conversationsPath, {
			...emailExample,
			initialMessage: { ...emailExample.initialMessage, reference: 'order-1' },
		});
		expectBirdError(again, 409, 'ResourceAlreadyExists');
	});
});
