/**
 * The action node against the Bird sandbox, through n8n's engine: one support-inbox story per test, with
 * every effect checked in the sandbox's own state, not only in the node's output.
 */
import axios from 'axios';

import { DEMO } from '../../../sandbox/seed';
import { locator, runBirdNode, useSandbox } from '../../harness';

describe('Bird Conversations node against the sandbox', () => {
	const sb = useSandbox();
	const run = sb.run;
	const stored = () => sb.context.store.data;

	it('creates a conversation with a contact, attributes and a first message, and Simplify flattens it', async () => {
		const result = await run({
			resource: 'conversation',
			operation: 'create',
			name: 'Order 123',
			channelId: DEMO.channels.whatsapp,
			participants: {
				participant: [
					{
						kind: 'contactByIdentifier',
						identifierKey: 'phonenumber',
						identifierValue: '+31600000001',
					},
				],
			},
			initialMessageType: 'text',
			initialMessageText: 'Hello from n8n',
			additionalFields: { attributes: { attribute: [{ key: 'orderId', value: '123' }] } },
			options: { simplify: true },
		});
		expect(result.error).toBeUndefined();
		const [out] = result.json;
		expect(out).toMatchObject({
			name: 'Order 123',
			status: 'active',
			contactIdentifier: '+31600000001',
			lastMessagePreview: 'Hello from n8n',
			lastMessageDirection: 'outgoing',
		});
		const conversation = stored().conversations.find((c) => c.id === out.id)!;
		expect(conversation.attributes).toEqual({ orderId: '123' });
		const participants = stored().participants.filter((p) => p.conversationId === out.id);
		expect(participants.map((p) => p.type).sort()).toEqual(['accessKey', 'contact']);
		expect(stored().messages.filter((m) => m.conversationId === out.id)).toHaveLength(1);
	});

	it('closing a conversation blocks sending with a clear 409, reopening allows it again', async () => {
		const id = DEMO.conversations.johnWhatsapp;
		const close = await run({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(id),
			updateFields: { status: 'closed' },
		});
		expect(close.json[0].status).toBe('closed');
		const send = {
			resource: 'message',
			operation: 'send',
			conversationId: locator(id),
			senderId: DEMO.accessKey.id,
			messageType: 'text',
			text: 'Anyone there?',
		};
		const refused = await run(send);
		expect(refused.error?.message).toContain('409');
		expect((refused.error as { description?: string }).description).toContain('ConversationClosed');
		await run({
			resource: 'conversation',
			operation: 'update',
			conversationId: locator(id),
			updateFields: { status: 'active' },
		});
		const sent = await run(send);
		expect(sent.error).toBeUndefined();
		expect(stored().messages.find((m) => m.id === sent.json[0].id)?.body).toEqual({
			type: 'text',
			text: { text: 'Anyone there?' },
		});
	});

	it('saves a draft, publishes it with new text, reads it back, lists and deletes it', async () => {
		const id = DEMO.conversations.janeEmail;
		const draft = await run({
			resource: 'message',
			operation: 'send',
			conversationId: locator(id),
			senderId: DEMO.accessKey.id,
			messageType: 'text',
			text: 'first version',
			additionalFields: { draft: true },
		});
		const messageId = draft.json[0].id as string;
		expect(draft.json[0].draft).toBe(true);
		const published = await run({
			resource: 'message',
			operation: 'update',
			conversationId: locator(id),
			messageId,
			publish: true,
			updateFields: { text: 'final version' },
		});
		expect(published.json[0]).toMatchObject({
			draft: false,
			body: { type: 'text', text: { text: 'final version' } },
		});
		const got = await run({
			resource: 'message',
			operation: 'get',
			conversationId: locator(id),
			messageId,
			options: { simplify: true },
		});
		expect(got.json[0]).toMatchObject({
			id: messageId,
			text: 'final version',
			direction: 'outgoing',
			draft: false,
		});
		const list = await run({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(id),
			returnAll: true,
		});
		expect(list.json.map((m) => m.id)).toContain(messageId);
		const deleted = await run({
			resource: 'message',
			operation: 'delete',
			conversationId: locator(id),
			messageId,
		});
		expect(deleted.json).toEqual([{ deleted: true, resource: 'message', id: messageId }]);
		expect(stored().messages.some((m) => m.id === messageId)).toBe(false);
	});

	it('uploads an item’s binary data with the pre-signed flow and sends it as a text attachment (Bird’s schema accepts it)', async () => {
		const png = Buffer.from('89504e470d0a1a0a-fake-png-bytes');
		const result = await run(
			{
				resource: 'message',
				operation: 'send',
				conversationId: locator(DEMO.conversations.johnWhatsapp),
				senderId: DEMO.accessKey.id,
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'photo',
				caption: 'Your receipt',
			},
			{
				items: [
					{
						json: {},
						binary: {
							photo: {
								data: png.toString('base64'),
								mimeType: 'image/png',
								fileName: 'receipt.png',
							},
						},
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		const text = (
			result.json[0].body as {
				type: string;
				text: { text: string; attachments: Array<{ mediaUrl: string; filename: string }> };
			}
		).text;
		expect(result.json[0].body).toMatchObject({ type: 'text' });
		expect(text.text).toBe('Your receipt');
		expect(text.attachments).toEqual([
			expect.objectContaining({ filename: 'receipt.png', contentType: 'image/png' }),
		]);
		const media = await axios.get(text.attachments[0].mediaUrl, {
			headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
			responseType: 'arraybuffer',
		});
		expect(media.headers['content-type']).toContain('image/png');
		expect(Buffer.from(media.data).equals(png)).toBe(true);
	});

	it('adds an agent, finds the contact by phone number, changes the agent’s status and removes it', async () => {
		const conversationId = locator(DEMO.conversations.johnWhatsapp);
		const added = await run({
			resource: 'participant',
			operation: 'add',
			conversationId,
			participantKind: 'user',
			memberId: DEMO.agentUserId,
		});
		expect(added.json[0]).toMatchObject({
			id: DEMO.agentUserId,
			type: 'user',
			displayName: 'Alex Agent',
		});
		const contact = await run({
			resource: 'participant',
			operation: 'get',
			conversationId,
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: '+31612345678',
		});
		expect(contact.json[0]).toMatchObject({ id: DEMO.contacts.john.id, type: 'contact' });
		const updated = await run({
			resource: 'participant',
			operation: 'update',
			conversationId,
			lookupBy: 'id',
			participantId: DEMO.agentUserId,
			status: 'invited',
		});
		expect(updated.json[0].status).toBe('invited');
		const removed = await run({
			resource: 'participant',
			operation: 'remove',
			conversationId,
			participantId: DEMO.agentUserId,
		});
		expect(removed.json[0]).toMatchObject({ deleted: true, id: DEMO.agentUserId });
		expect(
			stored().participants.some(
				(p) => p.conversationId === DEMO.conversations.johnWhatsapp && p.id === DEMO.agentUserId,
			),
		).toBe(false);
	});

	it('finds a contact’s conversations by phone number and channel', async () => {
		const result = await run({
			resource: 'conversation',
			operation: 'getManyByParticipant',
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: '+31612345678',
			channelId: DEMO.channels.whatsapp,
			returnAll: true,
			options: { simplify: true },
		});
		expect(result.json.map((c) => c.id)).toEqual([DEMO.conversations.johnWhatsapp]);
		expect(result.json[0]).toMatchObject({
			contactName: 'John Doe',
			contactIdentifier: '+31612345678',
		});
	});

	it('Return All reads every page of a large workspace, and Limit stops early', async () => {
		const before = stored().conversations.filter((c) => c.status !== 'deleted').length;
		for (let i = 0; i < 230; i++) {
			await axios.post(
				`${sb.url}/workspaces/${DEMO.workspaceId}/conversations`,
				{ name: `Bulk ${i}`, channelId: DEMO.channels.sms },
				{ headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } },
			);
		}
		const all = await run({ resource: 'conversation', operation: 'getAll', returnAll: true });
		expect(all.json).toHaveLength(before + 230);
		expect(new Set(all.json.map((c) => c.id)).size).toBe(before + 230);
		const some = await run({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
		});
		expect(some.json).toHaveLength(120);
		// 230 conversations created one HTTP request at a time (each checked against Bird's schema by the
		// sandbox), then four pages read back: about 5 s while the other unit files run in parallel workers,
		// so jest's default 5 s timeout failed it now and then.
	}, 30_000);

	it('names the wrong key, the missing conversation, and a missing binary property', async () => {
		const wrongKey = await runBirdNode(
			{ resource: 'conversation', operation: 'getAll', returnAll: true } as never,
			{ credentials: { accessKey: 'not-a-key', baseUrl: sb.url } },
		);
		expect(wrongKey.error?.message).toBe('Bird rejected the access key (401)');
		const missing = await run({
			resource: 'conversation',
			operation: 'get',
			conversationId: locator('67e4d358-ca94-421e-98b7-448860df9d33'),
		});
		expect(missing.error?.message).toBe(
			'The conversation "67e4d358-ca94-421e-98b7-448860df9d33" was not found (404)',
		);
		const noBinary = await run({
			resource: 'message',
			operation: 'send',
			conversationId: locator(DEMO.conversations.johnWhatsapp),
			senderId: DEMO.accessKey.id,
			messageType: 'file',
			mediaSource: 'binary',
			binaryPropertyName: 'invoice',
		});
		expect(noBinary.error?.message).toBe(
			'Binary Property: the input item has no binary property "invoice"',
		);
	});
});
