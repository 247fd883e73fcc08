/**
 * Message operations against the Bird sandbox, through n8n's engine: e-mail with cc and sender, a PDF
 * from binary data through the real three-step upload, a template, location and GIF, listing order and
 * dateFrom, and Bird's validation errors mapped to field names. Each effect is checked in the sandbox's
 * own state, not only in the node's output.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { DEMO } from '../../../../sandbox/seed';
import { locator, runBirdNode, useSandbox } from '../../../harness';

describe('Message operations against the sandbox', () => {
	const sb = useSandbox();
	const run = sb.run;
	const storedMessage = (id: unknown) =>
		sb.context.store.data.messages.find((m) => m.id === id) as unknown as IDataObject | undefined;
	const send = (conversationId: string, extra: Record<string, unknown>) => ({
		resource: 'message',
		operation: 'send',
		conversationId: locator(conversationId),
		senderId: DEMO.accessKey.id,
		...extra,
	});

	it('sends an HTML e-mail with a cc recipient and a From name, and Simplify shows it as outgoing', async () => {
		const result = await run(
			send(DEMO.conversations.janeEmail, {
				messageType: 'html',
				html: '<p>Your <b>refund</b> is on its way</p>',
				text: 'Your refund is on its way',
				subject: 'Refund',
				recipients: {
					recipient: [
						{ by: 'id', contactId: DEMO.contacts.jane.id, type: 'to' },
						{
							by: 'identifier',
							identifierKey: 'emailaddress',
							identifierValue: 'finance@example.com',
							type: 'cc',
						},
					],
				},
				additionalFields: {
					senderName: 'Acme Support',
					senderEmail: 'support@acme.example',
					reference: 'refund-1',
				},
				options: { simplify: true },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			conversationId: DEMO.conversations.janeEmail,
			direction: 'outgoing',
			type: 'html',
			text: 'Your refund is on its way',
			reference: 'refund-1',
		});
		const stored = storedMessage(result.json[0].id);
		expect(stored?.body).toEqual({
			type: 'html',
			html: {
				html: '<p>Your <b>refund</b> is on its way</p>',
				text: 'Your refund is on its way',
				metadata: { subject: 'Refund' },
			},
		});
		expect((stored?.recipients as IDataObject[]).map((r) => [r.type, r.identifierValue])).toEqual([
			['to', 'jane.doe@example.com'],
			['cc', 'finance@example.com'],
		]);
	});

	it('sends a PDF from binary data: uploaded through the pre-signed form, then referenced by mediaUrl in a text attachment', async () => {
		const pdf = Buffer.from(
			'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n',
			'latin1',
		);
		const result = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'file',
				mediaSource: 'binary',
				binaryPropertyName: 'invoice',
				caption: 'Invoice 42',
			}),
			{
				items: [
					{
						json: {},
						binary: {
							invoice: {
								data: pdf.toString('base64'),
								mimeType: 'application/pdf',
								fileName: 'invoice-42.pdf',
							},
						},
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		const stored = storedMessage(result.json[0].id)?.body as {
			type: string;
			text: { attachments: IDataObject[]; text: string };
		};
		expect(stored.type).toBe('text');
		expect(stored.text.text).toBe('Invoice 42');
		expect(stored.text.attachments).toHaveLength(1);
		expect(stored.text.attachments[0]).toMatchObject({
			contentType: 'application/pdf',
			filename: 'invoice-42.pdf',
		});
		const media = await axios.get(String(stored.text.attachments[0].mediaUrl), {
			headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
			responseType: 'arraybuffer',
		});
		expect(Buffer.from(media.data).equals(pdf)).toBe(true);
	});

	it('sends a template, a location and a GIF by URL, each stored as sent', async () => {
		const template = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
				templateLocale: 'en',
				templateParameters: { parameter: [{ key: 'orderCount', value: '3', type: 'number' }] },
			}),
		);
		expect(template.error).toBeUndefined();
		expect(storedMessage(template.json[0].id)?.template).toMatchObject({
			projectId: '4720942c-9bde-4934-ab77-f600743894a1',
			locale: 'en',
			parameters: [{ type: 'number', key: 'orderCount', value: 3 }],
		});

		const location = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'location',
				latitude: 52.370216,
				longitude: 4.895168,
				address: 'Dam 1, Amsterdam',
				label: 'Main office',
			}),
		);
		expect(location.error).toBeUndefined();
		expect(storedMessage(location.json[0].id)?.body).toEqual({
			type: 'location',
			location: {
				coordinates: { latitude: 52.370216, longitude: 4.895168 },
				location: { address: 'Dam 1, Amsterdam', label: 'Main office' },
			},
		});

		const gif = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'gif',
				mediaUrl: 'https://example.com/thanks.gif',
				caption: 'Thanks!',
			}),
		);
		expect(gif.error).toBeUndefined();
		expect(storedMessage(gif.json[0].id)?.body).toEqual({
			type: 'gif',
			gif: { mediaUrl: 'https://example.com/thanks.gif', text: 'Thanks!' },
		});
	});

	it('Get Many lists newest first, Oldest First reverses it, and Created After leaves out older messages', async () => {
		const conversationId = locator(DEMO.conversations.janeEmail);
		const newestFirst = await run({
			resource: 'message',
			operation: 'getAll',
			conversationId,
			returnAll: true,
		});
		expect(newestFirst.error).toBeUndefined();
		expect(newestFirst.json.length).toBeGreaterThan(1);
		const created = newestFirst.json.map((m) => String(m.createdAt));
		expect([...created].sort().reverse()).toEqual(created);

		const oldestFirst = await run({
			resource: 'message',
			operation: 'getAll',
			conversationId,
			returnAll: true,
			options: { reverse: true },
		});
		expect(oldestFirst.json.map((m) => m.id)).toEqual(
			[...newestFirst.json.map((m) => m.id)].reverse(),
		);

		const cut = created[created.length - 1];
		const after = await run({
			resource: 'message',
			operation: 'getAll',
			conversationId,
			returnAll: true,
			filters: { dateFrom: cut },
		});
		expect(after.error).toBeUndefined();
		expect(after.json.length).toBeLessThan(newestFirst.json.length);
		for (const message of after.json)
			expect(new Date(String(message.createdAt)).getTime()).toBeGreaterThan(
				new Date(cut).getTime(),
			);
	});

	it('Bird’s validation errors name the node’s fields, and nothing is stored', async () => {
		const before = sb.context.store.data.messages.length;
		const result = await run(
			send(DEMO.conversations.johnWhatsapp, {
				text: 'to nobody',
				recipients: {
					recipient: [{ by: 'id', contactId: '00000000-0000-4000-8000-000000000000', type: 'to' }],
				},
			}),
		);
		expect(result.error?.message).toBe('Bird rejected one or more fields (422)');
		const description = String((result.error as unknown as { description?: string }).description);
		expect(description).toContain(
			'"Recipients" (.recipients[0]): Contact \'00000000-0000-4000-8000-000000000000\' does not exist in this workspace',
		);
		expect(sb.context.store.data.messages.length).toBe(before);
	});
});
