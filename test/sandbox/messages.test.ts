/**
 * Contract tests for sending messages (docs/bird-api.md §3.1–§3.3): documented send examples, senders,
 * status progression, closed conversations and duplicate references (drafts: message-drafts.test.ts).
 */
import {
	conversationsPath,
	DEMO,
	eventually,
	expectBirdError,
	start,
	type Started,
} from './support';

let s: Started;
beforeAll(async () => {
	s = await start({ statusProgressionMs: 40 });
});
afterAll(async () => s.sandbox.close());
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

const john = `${conversationsPath}/${DEMO.conversations.johnWhatsapp}`;
const text = (t: string) => ({ type: 'text', text: { text: t } });

describe('POST .../messages', () => {
	it('sends the quickstart example (recipient by contact ID, addMissingParticipants) and updates the conversation', async () => {
		// Bird's quickstart (https://docs.bird.com/api/quickstarts/conversations, docs/bird-api.md §5), with the demo access key and John as the recipient.
		const body = {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			addMissingParticipants: true,
			recipients: [{ type: 'to', id: DEMO.contacts.john.id }],
			body: text('Hey there!'),
		};
		const response = await s.api.post(`${john}/messages`, body);
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({
			conversationId: DEMO.conversations.johnWhatsapp,
			channelId: DEMO.channels.whatsapp,
			reference: '',
			sender: { id: DEMO.accessKey.id, type: 'accessKey', displayName: DEMO.accessKey.name },
			draft: false,
			recipients: [
				{
					type: 'to',
					id: DEMO.contacts.john.id,
					identifierKey: 'phonenumber',
					identifierValue: '+31612345678',
					contactAnnotation: { name: 'John Doe' },
				},
			],
			status: 'accepted',
			source: 'conversations',
			body: text('Hey there!'),
			interactions: null,
		});

		const conversation = (await s.api.get(john)).data;
		expect(conversation.lastMessage).toMatchObject({
			id: response.data.id,
			preview: { text: 'Hey there!' },
			type: 'text',
		});
		expect(conversation.lastMessageOutgoingAt).toBe(response.data.createdAt);
	});

	it('addMissingParticipants adds a sender who was not in the conversation', async () => {
		const participants = async () =>
			(await s.api.get(`${john}/participants`)).data.results.map((p: { id: string }) => p.id);
		expect(await participants()).not.toContain(DEMO.agentUserId);
		const response = await s.api.post(`${john}/messages`, {
			participantType: 'user',
			participantId: DEMO.agentUserId,
			addMissingParticipants: true,
			body: text('Agent here'),
		});
		expect(response.status).toBe(201);
		expect(response.data.sender).toMatchObject({
			id: DEMO.agentUserId,
			type: 'user',
			displayName: 'Alex Agent',
		});
		expect(await participants()).toContain(DEMO.agentUserId);
	});

	it('advances the status accepted → processing → sent → delivered over time', async () => {
		const sent = await s.api.post(`${john}/messages`, {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			addMissingParticipants: true,
			body: text('status?'),
		});
		expect(sent.data.status).toBe('accepted');
		const seen = new Set<string>(['accepted']);
		await eventually(async () => {
			const status = (await s.api.get(`${john}/messages/${sent.data.id}`)).data.status as string;
			seen.add(status);
			return status === 'delivered';
		}, 'status delivered');
		// Polling may miss a step, but never sees one out of Bird's lifecycle order (docs/bird-api.md §3.1).
		const lifecycle = ['accepted', 'processing', 'sent', 'delivered'];
		expect([...seen]).toEqual(lifecycle.filter((status) => seen.has(status)));
	});

	it('refuses a sender that is not a participant without addMissingParticipants (422 on .participantId)', async () => {
		const response = await s.api.post(
			`${conversationsPath}/${DEMO.conversations.janeEmail}/messages`,
			{
				participantType: 'user',
				participantId: DEMO.agentUserId,
				body: text('hello'),
			},
		);
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details['.participantId']).toBeDefined();
	});

	it('refuses an accessKey sender whose ID is no access key of the organization (422 on .participantId, inferred)', async () => {
		const state = async () => ({
			messages: (await s.api.get(`${john}/messages`, { params: { limit: 100 } })).data.results
				.length,
			participants: (await s.api.get(`${john}/participants`)).data.results.map(
				(p: { id: string }) => p.id,
			),
		});
		const before = await state();
		// An ID no key has, and the key of another organization (docs/bird-api.md §3.3: participantId is the key's ID).
		for (const participantId of [
			'0c0defe3-c98d-46d9-a9bf-febc1e08aa0c',
			DEMO.partner.accessKey.id,
		]) {
			const response = await s.api.post(`${john}/messages`, {
				participantType: 'accessKey',
				participantId,
				addMissingParticipants: true,
				body: text('who am I?'),
			});
			expectBirdError(response, 422, 'InvalidPayload');
			expect(response.data.details).toEqual({
				'.participantId': [`Access key '${participantId}' does not exist in this organization`],
			});
		}
		expect(await state()).toEqual(before);
	});

	it('answers 409 when sending into a closed conversation, and accepts again after reopening', async () => {
		const closed = `${conversationsPath}/${DEMO.conversations.mariaSmsClosed}`;
		const body = {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			addMissingParticipants: true,
			body: text('are you there?'),
		};
		expectBirdError(await s.api.post(`${closed}/messages`, body), 409, 'ConversationClosed');
		expect((await s.api.patch(closed, { status: 'active' })).status).toBe(200);
		expect((await s.api.post(`${closed}/messages`, body)).status).toBe(201);
	});

	it('answers 409 for a reference already used in the workspace, even in another conversation', async () => {
		const body = {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			addMissingParticipants: true,
			reference: 'crm-42',
			body: text('one'),
		};
		expect((await s.api.post(`${john}/messages`, body)).status).toBe(201);
		const again = await s.api.post(
			`${conversationsPath}/${DEMO.conversations.janeEmail}/messages`,
			body,
		);
		expectBirdError(again, 409, 'ResourceAlreadyExists');
	});

	it('validates the body: missing participantType and an unknown body type are 422 with paths', async () => {
		const response = await s.api.post(`${john}/messages`, {
			participantId: DEMO.accessKey.id,
			body: { type: 'hologram' },
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details['.participantType']).toEqual([
			"Property 'participantType' is missing",
		]);
		expect(Object.keys(response.data.details).some((k) => k.startsWith('.body'))).toBe(true);
	});
});
