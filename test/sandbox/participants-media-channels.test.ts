/**
 * Contract tests for participants (docs/bird-api.md §4), the pre-signed upload flow (§3.6) and channel
 * conversational configuration (§2, intro).
 */
import axios from 'axios';

import { conversationsPath, DEMO, expectBirdError, start, WS, type Started } from './support';

let s: Started;
beforeAll(async () => {
	s = await start();
});
afterAll(async () => s.sandbox.close());
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

const jane = `${conversationsPath}/${DEMO.conversations.janeEmail}`;

describe('participants', () => {
	it('adds the documented contact-by-identifier example with 201, then 200 when it already exists', async () => {
		const body = {
			type: 'contact',
			contact: { identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com' },
		};
		const added = await s.api.post(`${jane}/participants`, body);
		expect(added.status).toBe(201);
		expect(added.data).toMatchObject({
			type: 'contact',
			status: 'active',
			displayName: '',
			avatarUrl: '',
			contact: {
				identifierKey: 'emailaddress',
				identifierValue: 'john.doe@bird.com',
				platformAddress: 'john.doe@bird.com',
			},
		});
		const again = await s.api.post(`${jane}/participants`, body);
		expect(again.status).toBe(200);
		expect(again.data.id).toBe(added.data.id);
		// Seeded: the demo access key and Jane; John joined once.
		expect((await s.api.get(jane)).data.activeParticipantCount).toBe(3);
	});

	it('adds a user with status pending, counted as pending on the conversation', async () => {
		const added = await s.api.post(`${jane}/participants`, {
			id: DEMO.agentUserId,
			type: 'user',
			status: 'pending',
		});
		expect(added.status).toBe(201);
		expect(added.data).toMatchObject({
			id: DEMO.agentUserId,
			type: 'user',
			status: 'pending',
			displayName: 'Alex Agent',
		});
		expect((await s.api.get(jane)).data.pendingParticipantCount).toBe(1);
	});

	it('rejects an unknown participant type with 422', async () => {
		expectBirdError(
			await s.api.post(`${jane}/participants`, { id: 'x', type: 'robot' }),
			422,
			'InvalidPayload',
		);
	});

	it('lists, gets by ID and by identifier (URL-encoded), updates both ways, and deletes', async () => {
		const list = await s.api.get(`${jane}/participants`);
		expect(list.status).toBe(200);
		expect(list.data.results.map((p: { id: string }) => p.id).sort()).toEqual(
			[DEMO.accessKey.id, DEMO.contacts.jane.id].sort(),
		);

		const byId = await s.api.get(`${jane}/participants/${DEMO.contacts.jane.id}`);
		expect(byId.data).toMatchObject({
			id: DEMO.contacts.jane.id,
			displayName: 'Jane Doe',
			type: 'contact',
		});
		const byIdentifier = await s.api.get(
			`${jane}/participants/emailaddress/${encodeURIComponent('jane.doe@example.com')}`,
		);
		expect(byIdentifier.data.id).toBe(DEMO.contacts.jane.id);
		const phone = await s.api.get(
			`${conversationsPath}/${DEMO.conversations.johnWhatsapp}/participants/phonenumber/${encodeURIComponent('+31612345678')}`,
		);
		expect(phone.data.id).toBe(DEMO.contacts.john.id);

		const updated = await s.api.patch(`${jane}/participants/${DEMO.contacts.jane.id}`, {
			status: 'invited',
		});
		expect(updated.status).toBe(200);
		expect(updated.data.status).toBe('invited');
		const updatedByIdentifier = await s.api.patch(
			`${jane}/participants/emailaddress/${encodeURIComponent('jane.doe@example.com')}`,
			{ status: 'active' },
		);
		expect(updatedByIdentifier.data.status).toBe('active');
		expectBirdError(
			await s.api.patch(`${jane}/participants/${DEMO.contacts.jane.id}`, { status: 'gone' }),
			422,
			'InvalidPayload',
		);

		expect((await s.api.delete(`${jane}/participants/${DEMO.contacts.jane.id}`)).status).toBe(204);
		expectBirdError(
			await s.api.get(`${jane}/participants/${DEMO.contacts.jane.id}`),
			404,
			'ResourceNotFound',
		);
	});

	it('accepts status: null (nullable in Bird’s UpdateParticipant, docs/bird-api.md §4.2) by ID and by identifier, and keeps the status as it was', async () => {
		const byId = `${jane}/participants/${DEMO.contacts.jane.id}`;
		expect((await s.api.patch(byId, { status: 'invited' })).data.status).toBe('invited');
		const nulled = await s.api.patch(byId, { status: null });
		expect(nulled.status).toBe(200);
		expect(nulled.data.status).toBe('invited');
		const byIdentifier = await s.api.patch(
			`${jane}/participants/emailaddress/${encodeURIComponent('jane.doe@example.com')}`,
			{ status: null },
		);
		expect(byIdentifier.status).toBe(200);
		expect(byIdentifier.data.status).toBe('invited');
		// null is the only addition: other values outside the enum still fail, naming the allowed ones.
		const bad = await s.api.patch(byId, { status: 'gone' });
		expectBirdError(bad, 422, 'InvalidPayload');
		expect(bad.data.details['.status']).toEqual(['Must be one of: pending, invited, active, null']);
	});

	it('refuses to delete the access key that initiated the conversation (403)', async () => {
		const created = await s.api.post(conversationsPath, {
			name: 'x',
			channelId: DEMO.channels.sms,
		});
		const response = await s.api.delete(
			`${conversationsPath}/${created.data.id}/participants/${DEMO.accessKey.id}`,
		);
		expectBirdError(response, 403, 'Forbidden');
	});
});

describe('pre-signed upload', () => {
	const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

	async function presign(contentType = 'image/png') {
		const response = await s.api.post(`${jane}/presigned-upload`, { contentType });
		expect(response.status).toBe(200);
		return response.data as {
			mediaUrl: string;
			uploadUrl: string;
			uploadMethod: string;
			uploadFormData: Record<string, string>;
		};
	}

	function form(fields: Record<string, string>, file?: Buffer) {
		const data = new FormData();
		for (const [name, value] of Object.entries(fields)) data.append(name, value);
		if (file)
			data.append('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'bird.png');
		return data;
	}

	it('answers the documented shape with an uploadUrl on the sandbox', async () => {
		const upload = await presign();
		expect(upload.uploadMethod).toBe('POST');
		expect(upload.uploadUrl.startsWith(s.sandbox.url)).toBe(true);
		expect(upload.mediaUrl).toContain(
			`/workspaces/${WS}/conversations/${DEMO.conversations.janeEmail}/media/`,
		);
		expect(Object.keys(upload.uploadFormData).sort()).toEqual(
			[
				'Content-Type',
				'acl',
				'bucket',
				'key',
				'policy',
				'x-amz-algorithm',
				'x-amz-credential',
				'x-amz-date',
				'x-amz-meta-allowed-paths',
				'x-amz-meta-channel-id',
				'x-amz-meta-conversation-id',
				'x-amz-security-token',
				'x-amz-signature',
			].sort(),
		);
		expect(upload.uploadFormData['Content-Type']).toBe('image/png');
		expect(upload.uploadFormData['x-amz-meta-channel-id']).toBe(DEMO.channels.email);
	});

	it('accepts the multipart form like S3 (204, no auth), then serves the media with its content type', async () => {
		const upload = await presign();
		const posted = await axios.post(upload.uploadUrl, form(upload.uploadFormData, png), {
			validateStatus: () => true,
		});
		expect(posted.status).toBe(204);
		const media = await s.api.get(upload.mediaUrl, { responseType: 'arraybuffer' });
		expect(media.status).toBe(200);
		expect(media.headers['content-type']).toBe('image/png');
		expect(Buffer.from(media.data).equals(png)).toBe(true);
	});

	it('rejects a form whose fields do not match the policy, and media that was never uploaded is 404', async () => {
		const upload = await presign();
		const tampered = await axios.post(
			upload.uploadUrl,
			form({ ...upload.uploadFormData, 'Content-Type': 'image/gif' }, png),
			{ validateStatus: () => true },
		);
		expect(tampered.status).toBe(403);
		expect(String(tampered.data)).toContain('AccessDenied');
		const noFile = await axios.post(upload.uploadUrl, form(upload.uploadFormData), {
			validateStatus: () => true,
		});
		expect(noFile.status).toBe(400);
		expectBirdError(await s.api.get(upload.mediaUrl), 404, 'ResourceNotFound');
	});

	it('requires contentType (422)', async () => {
		const response = await s.api.post(`${jane}/presigned-upload`, {});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details['.contentType']).toBeDefined();
	});
});

describe('channel conversational configuration', () => {
	const path = `/workspaces/${WS}/channels/${DEMO.channels.sms}/conversational`;

	it('gets {"status":"active"}, patches to inactive, validates, and 404s an unknown channel', async () => {
		const read = await s.api.get(path);
		expect(read.status).toBe(200);
		expect(read.data).toEqual({ status: 'active' });
		const patched = await s.api.patch(path, { status: 'inactive' });
		expect(patched.status).toBe(200);
		expect(patched.data.status).toBe('inactive');
		expect((await s.api.get(path)).data).toEqual({ status: 'inactive' });
		expectBirdError(await s.api.patch(path, { status: 'maybe' }), 422, 'InvalidPayload');
		expectBirdError(
			await s.api.get(
				`/workspaces/${WS}/channels/00000000-0000-4000-8000-000000000000/conversational`,
			),
			404,
			'ResourceNotFound',
		);
	});

	it('an inactive channel starts no conversation for a new inbound contact', async () => {
		await s.api.patch(path, { status: 'inactive' });
		const inbound = await s.api.post(`/_sandbox/channels/${DEMO.channels.sms}/inbound`, {
			contact: { identifierKey: 'phonenumber', identifierValue: '+31655500011' },
			text: 'hello?',
		});
		expect(inbound.status).toBe(409);
	});
});
