/**
 * The /_sandbox simulation controls beyond the basic inbound case in webhooks.test.ts: e-mail inbound with a
 * full HTML body, follow-up messages into the open conversation, a closed conversation not being reused,
 * strict validation of the control bodies, reset seeds, and the delivery filters.
 */
import {
	DEMO,
	conversationsPath,
	expectBirdError,
	start,
	subscriptionsPath,
	type Started,
} from './support';

let s: Started;

beforeAll(async () => {
	s = await start();
});
afterAll(async () => {
	await s.sandbox.close();
});
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

const inbound = (channelId: string, input: unknown) =>
	s.api.post(`/_sandbox/channels/${channelId}/inbound`, input);
const subscribe = (service: string, event: string) =>
	s.api.post(subscriptionsPath, { service, event, url: 'http://127.0.0.1:9/hook' }).then((r) => {
		expect(r.status).toBe(201);
		return r.data as { id: string };
	});
const deliveries = async (params: Record<string, string> = {}) =>
	(await s.api.get('/_sandbox/deliveries', { params })).data.results as Array<{
		event: string;
		subscriptionId: string;
		body: { payload: Record<string, any> };
	}>;

describe('POST /_sandbox/channels/{channelId}/inbound', () => {
	it('an e-mail with a full HTML body starts an e-mail conversation named after the subject', async () => {
		await subscribe('channels', 'email.inbound');
		const body = {
			type: 'html',
			html: {
				html: '<p>Where is <b>my</b> refund?</p>',
				text: 'Where is my refund?',
				metadata: { subject: 'Refund' },
			},
		};
		const response = await inbound(DEMO.channels.email, {
			contact: {
				identifierKey: 'emailaddress',
				identifierValue: 'sam@example.com',
				displayName: 'Sam',
			},
			body,
		});
		expect(response.status).toBe(201);
		const { conversation, message } = response.data;
		expect(conversation).toMatchObject({
			name: 'Refund',
			platformStyle: 'email',
			channelId: DEMO.channels.email,
			initiatingParticipant: {
				type: 'contact',
				displayName: 'Sam',
				contact: { identifierKey: 'emailaddress', identifierValue: 'sam@example.com' },
			},
			lastMessage: {
				id: message.id,
				type: 'html',
				preview: { text: 'Where is my refund?' },
				status: 'delivered',
			},
			lastMessageIncomingAt: message.createdAt,
		});
		expect(message).toMatchObject({
			conversationId: conversation.id,
			channelId: DEMO.channels.email,
			source: 'channels',
			status: 'delivered',
			body,
		});

		const [delivery] = await deliveries({ event: 'email.inbound' });
		expect(delivery.body.payload).toMatchObject({
			id: message.id,
			channelId: DEMO.channels.email,
			direction: 'incoming',
			sender: { contact: { identifierKey: 'emailaddress', identifierValue: 'sam@example.com' } },
			receiver: { connector: { identifierValue: 'support@demo.example' } },
			body,
		});
		expect(delivery.body.payload.conversationId).toBeUndefined();
		// The contact now exists: the conversation is found by its identifier.
		const byIdentifier = await s.api.get(
			`/workspaces/${DEMO.workspaceId}/participants/emailaddress/sam%40example.com/conversations`,
			{ params: { channelId: DEMO.channels.email } },
		);
		expect(byIdentifier.data.results.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
	});

	it('a follow-up message lands in the open conversation and fires conversation.updated, not created', async () => {
		await subscribe('conversations', 'conversation.created');
		await subscribe('conversations', 'conversation.updated');
		const john = {
			identifierKey: 'phonenumber',
			identifierValue: DEMO.contacts.john.identifierValue,
		};
		const response = await inbound(DEMO.channels.whatsapp, { contact: john, text: 'Any news?' });
		expect(response.status).toBe(201);
		expect(response.data.conversation.id).toBe(DEMO.conversations.johnWhatsapp);
		expect(response.data.conversation.lastMessage).toMatchObject({
			id: response.data.message.id,
			preview: { text: 'Any news?' },
		});
		expect(response.data.message.sender).toMatchObject({
			id: DEMO.contacts.john.id,
			type: 'contact',
		});
		expect((await deliveries()).map((d) => d.event)).toEqual(['conversation.updated']);
		const messages = await s.api.get(
			`${conversationsPath}/${DEMO.conversations.johnWhatsapp}/messages`,
		);
		expect(messages.data.results[0].id).toBe(response.data.message.id);
	});

	it('a closed conversation is not reused: the contact’s next message starts a new one', async () => {
		await subscribe('conversations', 'conversation.created');
		const maria = {
			identifierKey: 'phonenumber',
			identifierValue: DEMO.contacts.maria.identifierValue,
		};
		const response = await inbound(DEMO.channels.sms, { contact: maria, text: 'Hello again' });
		expect(response.status).toBe(201);
		expect(response.data.conversation.id).not.toBe(DEMO.conversations.mariaSmsClosed);
		expect(response.data.conversation).toMatchObject({
			status: 'active',
			visibility: 'private',
			accessibility: 'invite-only',
		});
		expect((await deliveries()).map((d) => [d.event, d.body.payload.id])).toEqual([
			['conversation.created', response.data.conversation.id],
		]);
		expect(
			(await s.api.get(`${conversationsPath}/${DEMO.conversations.mariaSmsClosed}`)).data.status,
		).toBe('closed');
	});

	it('rejects what Bird could never receive: unknown channel (404), no contact identifier, no text or body, an invalid body, unknown fields (422)', async () => {
		expectBirdError(
			await inbound('00000000-0000-4000-8000-000000000000', {
				contact: { identifierValue: '+31600000000' },
				text: 'hi',
			}),
			404,
			'ResourceNotFound',
		);
		const cases: Array<[unknown, string]> = [
			[{ contact: { identifierKey: 'phonenumber' }, text: 'hi' }, '.contact.identifierValue'],
			[{ text: 'hi' }, '.contact'],
			[{ contact: { identifierValue: '+31600000000' } }, '.text'],
			[
				{ contact: { identifierValue: '+31600000000' }, body: { type: 'text', text: {} } },
				'.body.text.text',
			],
			[{ contact: { identifierValue: '+31600000000', phone: 'x' }, text: 'hi' }, '.contact.phone'],
			[{ contact: { identifierValue: '+31600000000' }, txt: 'hi' }, '.txt'],
		];
		for (const [input, path] of cases) {
			const response = await inbound(DEMO.channels.whatsapp, input);
			expectBirdError(response, 422, 'InvalidPayload');
			expect(Object.keys(response.data.details)).toContain(path);
		}
		// Nothing was stored by any of them.
		expect((await s.api.get('/_sandbox/state')).data).toMatchObject({
			conversations: 3,
			messages: 6,
		});
	});
});

describe('POST /_sandbox/reset', () => {
	it('resets to the demo or the empty seed and refuses any other name', async () => {
		expect(
			(await s.api.post(conversationsPath, { name: 'Extra', channelId: DEMO.channels.sms })).status,
		).toBe(201);
		expect((await s.api.post('/_sandbox/reset', { seed: 'empty' })).data).toEqual({
			ok: true,
			seed: 'empty',
		});
		expect((await s.api.get(conversationsPath)).data.results).toEqual([]);
		expect((await s.api.get('/_sandbox/state')).data).toMatchObject({
			conversations: 0,
			messages: 0,
			participants: 0,
			subscriptions: 0,
			deliveries: 0,
		});

		const bogus = await s.api.post('/_sandbox/reset', { seed: 'production' });
		expectBirdError(bogus, 422, 'InvalidPayload');
		expect(Object.keys(bogus.data.details)).toEqual(['.seed']);
		expect((await s.api.get(conversationsPath)).data.results).toEqual([]);

		expect((await s.api.post('/_sandbox/reset', {})).data).toEqual({ ok: true, seed: 'demo' });
		expect((await s.api.get(conversationsPath)).data.results).toHaveLength(3);
	});
});

describe('GET /_sandbox/deliveries', () => {
	it('filters by event and by subscription', async () => {
		const created = await subscribe('conversations', 'conversation.created');
		const createdToo = await subscribe('conversations', 'conversation.created');
		const updated = await subscribe('conversations', 'conversation.updated');
		const response = await s.api.post(conversationsPath, {
			name: 'Filter me',
			channelId: DEMO.channels.sms,
		});
		expect(response.status).toBe(201);
		await s.api.patch(`${conversationsPath}/${response.data.id}`, { description: 'changed' });

		expect((await deliveries()).map((d) => d.subscriptionId).sort()).toEqual(
			[created.id, createdToo.id, updated.id].sort(),
		);
		expect(
			(await deliveries({ event: 'conversation.created' })).map((d) => d.subscriptionId).sort(),
		).toEqual([created.id, createdToo.id].sort());
		const [only] = await deliveries({ subscriptionId: updated.id });
		expect(only).toMatchObject({
			event: 'conversation.updated',
			body: { payload: { id: response.data.id, description: 'changed' } },
		});
	});
});

describe('POST /_sandbox/faults and /_sandbox/rate-limits', () => {
	it('refuse settings that could not be meant (422 with the field) and keep the previous ones', async () => {
		const cases: Array<[string, unknown, string]> = [
			['/_sandbox/faults', { failNext: { count: 1, status: 200 } }, '.failNext.status'],
			['/_sandbox/faults', { failNext: { count: 'two', status: 500 } }, '.failNext.count'],
			['/_sandbox/faults', { failNext: { status: 500 } }, '.failNext.count'],
			['/_sandbox/faults', { latencyMs: -5 }, '.latencyMs'],
			['/_sandbox/faults', { dropnext: 1 }, '.dropnext'],
			['/_sandbox/rate-limits', { enable: false }, '.enable'],
			['/_sandbox/rate-limits', { enabled: 'no' }, '.enabled'],
		];
		for (const [path, body, field] of cases) {
			const response = await s.api.post(path, body);
			expectBirdError(response, 422, 'InvalidPayload');
			expect(Object.keys(response.data.details)).toContain(field);
		}
		// None of them took effect: no failure is queued and Bird requests still answer normally.
		expect((await s.api.get(conversationsPath)).status).toBe(200);
		expect((await s.api.post('/_sandbox/faults', {})).data).toEqual({ latencyMs: 0, dropNext: 0 });
	});
});
