/**
 * A request Bird rejects (409/422) changes nothing: no half-created conversation, no participant added by
 * addMissingParticipants, no edited draft, and no webhook event. Deliveries are recorded the moment an
 * event fires, so reading /_sandbox/deliveries right after the rejected request is enough to see one.
 */
import {
	DEMO,
	conversationsPath,
	expectBirdError,
	start,
	subscriptionsPath,
	type Started,
} from './support';

const UNKNOWN_CONTACT = '11111111-1111-4111-8111-111111111111';
const text = (value: string) => ({ type: 'text', text: { text: value } });

let s: Started;

const state = async () => (await s.api.get('/_sandbox/state')).data as Record<string, number>;
const deliveredEvents = async () =>
	((await s.api.get('/_sandbox/deliveries')).data.results as Array<{ event: string }>).map(
		(d) => d.event,
	);

beforeAll(async () => {
	s = await start();
});
afterAll(async () => {
	await s.sandbox.close();
});
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
	// Subscribers for every event these tests could fire; the URL never answers (port 9 is discard), which is fine:
	// an event shows in /_sandbox/deliveries as soon as it fires, whatever the endpoint does.
	for (const event of ['conversation.created', 'conversation.updated']) {
		expect(
			(
				await s.api.post(subscriptionsPath, {
					service: 'conversations',
					event,
					url: 'http://127.0.0.1:9/hook',
				})
			).status,
		).toBe(201);
	}
	for (const event of ['whatsapp.outbound', 'sms.outbound']) {
		expect(
			(
				await s.api.post(subscriptionsPath, {
					service: 'channels',
					event,
					url: 'http://127.0.0.1:9/hook',
				})
			).status,
		).toBe(201);
	}
});

describe('create conversation', () => {
	it('an unknown contact ID among the participants is a 422 on that participant, and no conversation is stored', async () => {
		const before = await state();
		const response = await s.api.post(conversationsPath, {
			name: 'Order 1',
			channelId: DEMO.channels.whatsapp,
			participants: [
				{ type: 'contact', identifierKey: 'phonenumber', identifierValue: '+31699999999' },
				{ type: 'contact', id: UNKNOWN_CONTACT },
			],
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(Object.keys(response.data.details)).toEqual(['.participants[1]']);
		expect(await state()).toEqual(before);
		expect(await deliveredEvents()).toEqual([]);
	});

	it('an unknown recipient of the initial message is a 422 on .initialMessage.recipients[i], and nothing is sent or stored', async () => {
		const before = await state();
		const response = await s.api.post(conversationsPath, {
			name: 'Order 2',
			channelId: DEMO.channels.whatsapp,
			initialMessage: { body: text('hi'), recipients: [{ type: 'to', id: UNKNOWN_CONTACT }] },
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details).toEqual({
			'.initialMessage.recipients[0]': [expect.stringContaining(UNKNOWN_CONTACT)],
		});
		expect(await state()).toEqual(before);
		expect(await deliveredEvents()).toEqual([]);
	});

	it('a duplicate initial-message reference is a 409 that stores nothing', async () => {
		const first = await s.api.post(conversationsPath, {
			name: 'First',
			channelId: DEMO.channels.whatsapp,
			participants: [
				{
					type: 'contact',
					identifierKey: 'phonenumber',
					identifierValue: DEMO.contacts.john.identifierValue,
				},
			],
			initialMessage: { body: text('one'), reference: 'order-42' },
		});
		expect(first.status).toBe(201);
		const before = await state();
		const eventsBefore = await deliveredEvents();
		const second = await s.api.post(conversationsPath, {
			name: 'Second',
			channelId: DEMO.channels.whatsapp,
			initialMessage: { body: text('two'), reference: 'order-42' },
		});
		expectBirdError(second, 409, 'ResourceAlreadyExists');
		expect(await state()).toEqual(before);
		expect(await deliveredEvents()).toEqual(eventsBefore);
	});

	it('the same valid request then succeeds and fires its events (the checks above are not vacuous)', async () => {
		const response = await s.api.post(conversationsPath, {
			name: 'Order 3',
			channelId: DEMO.channels.whatsapp,
			participants: [{ type: 'contact', id: DEMO.contacts.john.id }],
			initialMessage: { body: text('hi'), recipients: [{ type: 'to', id: DEMO.contacts.john.id }] },
		});
		expect(response.status).toBe(201);
		// The initial message is announced by conversation.created itself (it carries lastMessage), not by an update.
		expect(await deliveredEvents()).toEqual(['conversation.created', 'whatsapp.outbound']);
	});
});

describe('send message', () => {
	const john = DEMO.conversations.johnWhatsapp;
	const messages = `${conversationsPath}/${john}/messages`;
	const participantIds = async () =>
		(
			(await s.api.get(`${conversationsPath}/${john}/participants`, { params: { limit: 100 } }))
				.data.results as Array<{ id: string }>
		)
			.map((p) => p.id)
			.sort();

	it('an unknown recipient is a 422, and addMissingParticipants did not add the sender meanwhile', async () => {
		const before = await participantIds();
		expect(before).not.toContain(DEMO.agentUserId);
		const response = await s.api.post(messages, {
			participantType: 'user',
			participantId: DEMO.agentUserId,
			addMissingParticipants: true,
			recipients: [{ type: 'to', id: UNKNOWN_CONTACT }],
			body: text('hello'),
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(Object.keys(response.data.details)).toEqual(['.recipients[0]']);
		expect(await participantIds()).toEqual(before);
		expect(await deliveredEvents()).toEqual([]);
	});

	it('sending a draft into a closed conversation is a 409 that leaves the draft unsent and unedited', async () => {
		const draft = await s.api.post(messages, {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			draft: true,
			body: text('first version'),
		});
		expect(draft.status).toBe(201);
		expect((await s.api.patch(`${conversationsPath}/${john}`, { status: 'closed' })).status).toBe(
			200,
		);
		const conversationBefore = (await s.api.get(`${conversationsPath}/${john}`)).data;

		const send = await s.api.patch(`${messages}/${draft.data.id}`, {
			draft: false,
			body: text('second version'),
		});
		expectBirdError(send, 409, 'ConversationClosed');

		const stored = (await s.api.get(`${messages}/${draft.data.id}`)).data;
		expect({ draft: stored.draft, body: stored.body }).toEqual({
			draft: true,
			body: text('first version'),
		});
		expect((await s.api.get(`${conversationsPath}/${john}`)).data.lastMessage).toEqual(
			conversationBefore.lastMessage,
		);
		expect(await deliveredEvents()).not.toContain('whatsapp.outbound');
	});

	it('a draft update naming an unknown recipient is a 422 that keeps the draft’s body', async () => {
		const draft = await s.api.post(messages, {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			draft: true,
			body: text('v1'),
		});
		const update = await s.api.patch(`${messages}/${draft.data.id}`, {
			body: text('v2'),
			recipients: [{ type: 'to', id: UNKNOWN_CONTACT }],
		});
		expectBirdError(update, 422, 'InvalidPayload');
		expect((await s.api.get(`${messages}/${draft.data.id}`)).data.body).toEqual(text('v1'));
	});
});

describe('list query', () => {
	it('the participant conversation lists require channelId as a UUID, as Bird’s OpenAPI does (422 on .channelId)', async () => {
		for (const path of [
			`/workspaces/${DEMO.workspaceId}/participants/${DEMO.contacts.john.id}/conversations`,
			`/workspaces/${DEMO.workspaceId}/participants/phonenumber/%2B31612345678/conversations`,
		]) {
			const missing = await s.api.get(path);
			expectBirdError(missing, 422, 'InvalidPayload');
			expect(Object.keys(missing.data.details)).toEqual(['.channelId']);
			expect(
				Object.keys((await s.api.get(path, { params: { channelId: 'whatsapp' } })).data.details),
			).toEqual(['.channelId']);
			const found = await s.api.get(path, { params: { channelId: DEMO.channels.whatsapp } });
			expect(found.data.results.map((c: { id: string }) => c.id)).toEqual([
				DEMO.conversations.johnWhatsapp,
			]);
		}
	});

	it('reverse must be a boolean: anything but true/false is a 422 on .reverse', async () => {
		const response = await s.api.get(conversationsPath, { params: { reverse: 'maybe' } });
		expectBirdError(response, 422, 'InvalidPayload');
		expect(Object.keys(response.data.details)).toEqual(['.reverse']);
		expect((await s.api.get(conversationsPath, { params: { reverse: 'false' } })).status).toBe(200);
		expect((await s.api.get(conversationsPath, { params: { reverse: 'true' } })).status).toBe(200);
	});
});
