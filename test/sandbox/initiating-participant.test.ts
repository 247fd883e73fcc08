/**
 * `initiatingParticipant` on create conversation (a ParticipantRef in Bird's CreateConversation schema,
 * docs/bird-api.md §2.2): without an initial message it names who initiated; with one, "the initial
 * message sender takes precedence", i.e. the caller's access key that sends it.
 */
import { conversationsPath, DEMO, expectBirdError, start, type Started } from './support';

let s: Started;
beforeAll(async () => {
	s = await start();
});
afterAll(async () => s.sandbox.close());
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

const contactByIdentifier = {
	type: 'contact',
	identifierKey: 'phonenumber',
	identifierValue: '+31600001111',
};
const featuredIds = (c: { featuredParticipants: Array<{ id: string; type: string }> }) =>
	c.featuredParticipants.map((p) => `${p.type}:${p.id}`);

it('a contact named by identifier initiates a conversation created without an initial message', async () => {
	const created = await s.api.post(conversationsPath, {
		name: 'Call back',
		channelId: DEMO.channels.sms,
		initiatingParticipant: contactByIdentifier,
	});
	expect(created.status).toBe(201);
	expect(created.data.initiatingParticipant).toMatchObject({
		type: 'contact',
		status: 'active',
		contact: { identifierKey: 'phonenumber', identifierValue: '+31600001111' },
	});
	// It is a participant; the caller's key joins as well (inferred).
	expect(featuredIds(created.data)).toEqual([
		`accessKey:${DEMO.accessKey.id}`,
		`contact:${created.data.initiatingParticipant.id}`,
	]);
	const again = await s.api.get(`${conversationsPath}/${created.data.id}`);
	expect(again.data.initiatingParticipant.id).toBe(created.data.initiatingParticipant.id);
});

it('a user, a known contact ID and another access key of the organization can initiate', async () => {
	const user = await s.api.post(conversationsPath, {
		name: 'Agent',
		channelId: DEMO.channels.sms,
		initiatingParticipant: { type: 'user', id: DEMO.agentUserId },
	});
	expect(user.data.initiatingParticipant).toMatchObject({
		id: DEMO.agentUserId,
		type: 'user',
		displayName: 'Alex Agent',
	});
	const contact = await s.api.post(conversationsPath, {
		name: 'Jane',
		channelId: DEMO.channels.email,
		initiatingParticipant: { type: 'contact', id: DEMO.contacts.jane.id },
	});
	expect(contact.data.initiatingParticipant).toMatchObject({
		id: DEMO.contacts.jane.id,
		type: 'contact',
		displayName: 'Jane Doe',
	});
	const key = await s.api.post(conversationsPath, {
		name: 'Other key',
		channelId: DEMO.channels.sms,
		initiatingParticipant: { type: 'accessKey', id: DEMO.otherAccessKey.id },
	});
	expect(key.data.initiatingParticipant).toMatchObject({
		id: DEMO.otherAccessKey.id,
		type: 'accessKey',
		displayName: DEMO.otherAccessKey.name,
	});
});

it('with an initial message the caller’s key, its sender, initiates and initiatingParticipant is ignored', async () => {
	const created = await s.api.post(conversationsPath, {
		name: 'Hello',
		channelId: DEMO.channels.sms,
		initiatingParticipant: contactByIdentifier,
		initialMessage: {
			body: { type: 'text', text: { text: 'Hi!' } },
			recipients: [{ type: 'to', identifierKey: 'phonenumber', identifierValue: '+31600002222' }],
		},
	});
	expect(created.status).toBe(201);
	expect(created.data.initiatingParticipant).toMatchObject({
		id: DEMO.accessKey.id,
		type: 'accessKey',
	});
	expect(created.data.lastMessage.sender).toMatchObject({
		id: DEMO.accessKey.id,
		type: 'accessKey',
	});
	expect(
		created.data.featuredParticipants.some(
			(p: { contact?: { identifierValue: string } }) =>
				p.contact?.identifierValue === '+31600001111',
		),
	).toBe(false);
});

it('an unknown contact ID or access key ID is a 422 on .initiatingParticipant.id and creates nothing', async () => {
	const count = async () =>
		(await s.api.get(conversationsPath, { params: { limit: 100 } })).data.results.length;
	const before = await count();
	for (const initiatingParticipant of [
		{ type: 'contact', id: '00000000-0000-4000-8000-000000000001' },
		{ type: 'accessKey', id: DEMO.partner.accessKey.id },
	]) {
		const response = await s.api.post(conversationsPath, {
			name: 'Nobody',
			channelId: DEMO.channels.sms,
			initiatingParticipant,
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(Object.keys(response.data.details)).toEqual(['.initiatingParticipant.id']);
	}
	expect(await count()).toBe(before);
});
