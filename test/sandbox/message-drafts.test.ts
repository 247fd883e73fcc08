/**
 * Contract tests for drafts and for listing, getting, updating and deleting messages (docs/bird-api.md
 * §3.4–§3.5).
 */
import { conversationsPath, DEMO, expectBirdError, start, type Started } from './support';

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

describe('drafts, list, get, delete', () => {
	it('keeps a draft out of lastMessage, edits it, and sends it with PATCH draft:false', async () => {
		const before = (await s.api.get(john)).data.lastMessage.id;
		const draft = await s.api.post(`${john}/messages`, {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			addMissingParticipants: true,
			draft: true,
			body: text('draft'),
		});
		expect(draft.status).toBe(201);
		expect(draft.data.draft).toBe(true);
		expect((await s.api.get(john)).data.lastMessage.id).toBe(before);

		const edited = await s.api.patch(`${john}/messages/${draft.data.id}`, {
			body: text('final text'),
		});
		expect(edited.status).toBe(200);
		expect(edited.data.body).toEqual(text('final text'));

		// Bird's update-message example (docs/bird-api.md §3.5): {"draft": false, "body": ...} → 200, status accepted.
		const sent = await s.api.patch(`${john}/messages/${draft.data.id}`, {
			draft: false,
			body: text('Hey, listen!'),
		});
		expect(sent.status).toBe(200);
		expect(sent.data).toMatchObject({
			draft: false,
			status: 'accepted',
			body: text('Hey, listen!'),
		});
		expect((await s.api.get(john)).data.lastMessage.id).toBe(draft.data.id);

		// A sent message can no longer be edited (409) and never becomes a draft again.
		expectBirdError(
			await s.api.patch(`${john}/messages/${draft.data.id}`, { body: text('too late') }),
			409,
			'ConflictingState',
		);
		expectBirdError(
			await s.api.patch(`${john}/messages/${draft.data.id}`, { draft: true }),
			409,
			'ConflictingState',
		);
	});

	it('accepts status: null (nullable in Bird’s UpdateMessage, docs/bird-api.md §3.5) on a sent message and on a draft, and changes nothing', async () => {
		const last = (await s.api.get(john)).data.lastMessage.id;
		const sent = await s.api.patch(`${john}/messages/${last}`, { status: null });
		expect(sent.status).toBe(200);
		expect(sent.data.status).toBe('delivered');
		const draft = await s.api.post(`${john}/messages`, {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			addMissingParticipants: true,
			draft: true,
			body: text('draft'),
		});
		const stillDraft = await s.api.patch(`${john}/messages/${draft.data.id}`, {
			status: null,
			body: text('edited'),
		});
		expect(stillDraft.status).toBe(200);
		expect(stillDraft.data).toMatchObject({
			draft: true,
			status: 'accepted',
			body: text('edited'),
		});
		expectBirdError(
			await s.api.patch(`${john}/messages/${last}`, { status: 'lost' }),
			422,
			'InvalidPayload',
		);
	});

	it('accepts and reports status processing, a step of Bird’s lifecycle (docs/bird-api.md §3.1, §3.5)', async () => {
		const last = (await s.api.get(john)).data.lastMessage.id;
		const updated = await s.api.patch(`${john}/messages/${last}`, { status: 'processing' });
		expect(updated.status).toBe(200);
		expect(updated.data.status).toBe('processing');
		expect((await s.api.get(`${john}/messages/${last}`)).data.status).toBe('processing');
		expect((await s.api.get(john)).data.lastMessage).toMatchObject({
			id: last,
			status: 'processing',
		});
	});

	it('rejects an empty update (minProperties 1) with 422', async () => {
		const response = await s.api.patch(
			`${john}/messages/${(await s.api.get(john)).data.lastMessage.id}`,
			{},
		);
		expectBirdError(response, 422, 'InvalidPayload');
	});

	it('lists messages newest first, reverse=true oldest first, dateFrom filters', async () => {
		const newest = await s.api.get(`${john}/messages`);
		expect(newest.status).toBe(200);
		expect(
			newest.data.results.map((m: { body: { text: { text: string } } }) => m.body.text.text),
		).toEqual([
			'It is 12345.',
			'Sorry to hear that! Could you share your order number?',
			'Hi, my order has not arrived yet.',
		]);
		const oldest = await s.api.get(`${john}/messages`, { params: { reverse: true } });
		expect(oldest.data.results.map((m: { id: string }) => m.id)).toEqual(
			[...newest.data.results.map((m: { id: string }) => m.id)].reverse(),
		);
		const recent = await s.api.get(`${john}/messages`, {
			params: { dateFrom: newest.data.results[1].createdAt },
		});
		expect(recent.data.results.map((m: { id: string }) => m.id)).toEqual([
			newest.data.results[0].id,
		]);
		expectBirdError(
			await s.api.get(`${john}/messages`, { params: { dateFrom: 'yesterday' } }),
			422,
			'InvalidPayload',
		);
	});

	it('inbound seeded messages come from the contact with source channels', async () => {
		const first = (await s.api.get(`${john}/messages`, { params: { reverse: true, limit: 1 } }))
			.data.results[0];
		expect(first).toMatchObject({
			sender: { type: 'contact', id: DEMO.contacts.john.id },
			source: 'channels',
		});
	});

	it('deletes a message with 204; getting it again is 404', async () => {
		const id = (await s.api.get(john)).data.lastMessage.id;
		const deleted = await s.api.delete(`${john}/messages/${id}`);
		expect(deleted.status).toBe(204);
		expect(deleted.data).toBe('');
		const again = await s.api.get(`${john}/messages/${id}`);
		expect(again.status).toBe(404);
		expect(again.data).toEqual({ code: 'ResourceNotFound', message: expect.any(String) });
		expect((await s.api.get(john)).data.lastMessage.id).not.toBe(id);
	});
});
