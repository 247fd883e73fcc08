/**
 * Contract tests for getting, listing, updating and deleting conversations (docs/bird-api.md §2.3–§2.6) and
 * for a participant's conversations (§4.4).
 */
import { conversationsPath, DEMO, expectBirdError, start, WS, type Started } from './support';

let s: Started;
beforeAll(async () => {
	s = await start();
});
afterAll(async () => s.sandbox.close());
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

describe('GET/PATCH/DELETE conversations', () => {
	it('gets a demo conversation with its last message and participants', async () => {
		const response = await s.api.get(`${conversationsPath}/${DEMO.conversations.johnWhatsapp}`);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			id: DEMO.conversations.johnWhatsapp,
			channelId: DEMO.channels.whatsapp,
			status: 'active',
			lastMessage: {
				preview: { text: 'It is 12345.' },
				sender: { id: DEMO.contacts.john.id, type: 'contact' },
			},
		});
	});

	it('lists conversations newest first with Bird list shape', async () => {
		const created = await s.api.post(conversationsPath, {
			name: 'Newest',
			channelId: DEMO.channels.email,
		});
		const response = await s.api.get(conversationsPath);
		expect(response.status).toBe(200);
		expect(response.data.results[0].id).toBe(created.data.id);
		expect(response.data.results).toHaveLength(4);
		expect(response.data.nextPageToken).toBeUndefined();
	});

	it('updates with the migration guide example and merges attributes', async () => {
		const id = DEMO.conversations.janeEmail;
		const body = {
			visibility: 'private',
			accessibility: 'invite-only',
			name: 'Support Ticket #123',
			attributes: { ticketId: '123', department: 'technical-support' },
		};
		const response = await s.api.patch(`${conversationsPath}/${id}`, body);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject(body);
		const read = await s.api.get(`${conversationsPath}/${id}`);
		expect(read.data.name).toBe('Support Ticket #123');
		expect(Date.parse(read.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(read.data.createdAt));
	});

	it('rejects an invalid status enum with 422 naming .status', async () => {
		const response = await s.api.patch(`${conversationsPath}/${DEMO.conversations.janeEmail}`, {
			status: 'sleeping',
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details['.status']).toBeDefined();
	});

	it('deletes with 204 and no body; the conversation is then 404', async () => {
		const response = await s.api.delete(`${conversationsPath}/${DEMO.conversations.janeEmail}`);
		expect(response.status).toBe(204);
		expect(response.data).toBe('');
		expect(
			(await s.api.get(conversationsPath)).data.results.map((c: { id: string }) => c.id),
		).not.toContain(DEMO.conversations.janeEmail);
	});

	it('answers 404 ResourceNotFound for an unknown conversation', async () => {
		const response = await s.api.get(`${conversationsPath}/00000000-0000-4000-8000-000000000000`);
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ code: 'ResourceNotFound', message: expect.any(String) });
	});
});

describe('participant conversations (docs/bird-api.md §4.4)', () => {
	it('finds a contact’s conversations by ID and by identifier, with the status and channel filters', async () => {
		const byId = await s.api.get(
			`/workspaces/${WS}/participants/${DEMO.contacts.john.id}/conversations`,
			{
				params: { status: 'active', channelId: DEMO.channels.whatsapp },
			},
		);
		expect(byId.status).toBe(200);
		expect(byId.data.results.map((c: { id: string }) => c.id)).toEqual([
			DEMO.conversations.johnWhatsapp,
		]);

		const byIdentifier = await s.api.get(
			`/workspaces/${WS}/participants/phonenumber/${encodeURIComponent('+34600111222')}/conversations`,
			{
				params: { status: 'closed', channelId: DEMO.channels.sms },
			},
		);
		expect(byIdentifier.data.results.map((c: { id: string }) => c.id)).toEqual([
			DEMO.conversations.mariaSmsClosed,
		]);

		const otherChannel = await s.api.get(
			`/workspaces/${WS}/participants/${DEMO.contacts.john.id}/conversations`,
			{ params: { channelId: DEMO.channels.sms } },
		);
		expect(otherChannel.data.results).toEqual([]);
	});
});
