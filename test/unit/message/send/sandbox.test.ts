/**
 * Every body the node builds, checked against Bird's own schema: the sandbox validates message bodies
 * with Bird's OpenAPI document (createConversation.json: body union, template, recipients), so a 201 here
 * means the body has Bird's shape (a control test shows the check is real). Plus the parts of sending that
 * other sandbox tests leave out: a GIF from binary data, reply-to, a duplicate reference, and an upload
 * into a closed conversation.
 */
import axios from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEMO } from '../../../../sandbox/seed';
import { locator, useSandbox } from '../../../harness';

const GIF = Buffer.from(
	'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
	'latin1',
);

function binaryItem(
	property: string,
	data: Buffer,
	mimeType: string,
	fileName: string,
): INodeExecutionData {
	return {
		json: {},
		binary: { [property]: { data: data.toString('base64'), mimeType, fileName } },
	};
}

describe('Message bodies against Bird’s schema in the sandbox', () => {
	const sb = useSandbox();
	const run = sb.run;
	const send = (conversationId: string, extra: IDataObject): IDataObject => ({
		resource: 'message',
		operation: 'send',
		conversationId: locator(conversationId),
		senderId: DEMO.accessKey.id,
		...extra,
	});
	const stored = () => sb.context.store.data;
	const storedMessage = (id: unknown) => stored().messages.find((m) => m.id === id);
	const downloadMedia = async (mediaUrl: string) =>
		axios.get<ArrayBuffer>(mediaUrl, {
			headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
			responseType: 'arraybuffer',
		});

	it.each<[string, IDataObject]>([
		['text', { messageType: 'text', text: 'Plain text' }],
		[
			'html',
			{
				messageType: 'html',
				html: '<p>Hello <b>Jane</b></p>',
				text: 'Hello Jane',
				subject: 'Welcome',
			},
		],
		[
			'image by URL',
			{ messageType: 'image', mediaUrl: 'https://example.com/a.png', caption: 'A picture' },
		],
		[
			'file by URL',
			{
				messageType: 'file',
				mediaUrl: 'https://example.com/a.pdf',
				fileContentType: 'application/pdf',
				fileName: 'a.pdf',
				caption: 'The file',
			},
		],
		['gif by URL', { messageType: 'gif', mediaUrl: 'https://example.com/a.gif', caption: 'Party' }],
		[
			'location',
			{
				messageType: 'location',
				latitude: 52.370216,
				longitude: 4.895168,
				address: 'Dam 1, Amsterdam',
				label: 'Main office',
			},
		],
		[
			'template with typed parameters',
			{
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
				templateLocale: 'en',
				templateParameters: {
					parameter: [
						{ key: 'name', value: 'Jane', type: 'string' },
						{ key: 'count', value: '3', type: 'number' },
						{ key: 'vip', value: 'false', type: 'boolean' },
					],
				},
			},
		],
	])(
		'Bird’s schema accepts the %s body, with recipients and e-mail sender, and the sandbox stores it as sent',
		async (_type, fields) => {
			const result = await run(
				send(DEMO.conversations.janeEmail, {
					...fields,
					recipients: { recipient: [{ by: 'id', contactId: DEMO.contacts.jane.id, type: 'to' }] },
					additionalFields: {
						senderName: 'Acme Support',
						senderEmail: 'support@acme.example',
						replyToAddress: 'help@acme.example',
					},
				}),
			);
			expect(result.error).toBeUndefined();
			const message = storedMessage(result.json[0].id)!;
			expect(message).toBeDefined();
			expect(message.body ?? message.template).toEqual(
				result.json[0].body ?? result.json[0].template,
			);
			expect(message.sender).toMatchObject({ id: DEMO.accessKey.id, type: 'accessKey' });
			expect(message.recipients).toEqual([
				expect.objectContaining({ type: 'to', id: DEMO.contacts.jane.id }),
			]);
		},
	);

	it('(control) the sandbox does reject a body outside Bird’s schema, so the acceptance above means something', async () => {
		const answer = await axios.post(
			`${sb.url}/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.janeEmail}/messages`,
			{
				participantType: 'accessKey',
				participantId: DEMO.accessKey.id,
				body: { type: 'file', file: { files: [{ mediaUrl: 'https://example.com/a.pdf' }] } },
			},
			{
				headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
				validateStatus: () => true,
			},
		);
		expect(answer.status).toBe(422);
		expect(JSON.stringify(answer.data.details)).toContain('contentType');
	});

	it('sends a GIF from binary data as a text attachment Bird’s schema accepts (bytes round-trip); Simplify lists the attachment', async () => {
		const result = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'gif',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
				options: { simplify: true },
			}),
			{
				items: [binaryItem('data', GIF, 'image/gif', 'party.gif')],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			conversationId: DEMO.conversations.johnWhatsapp,
			type: 'text',
			attachments: [{ filename: 'party.gif', contentType: 'image/gif' }],
			direction: 'outgoing',
			status: 'accepted',
			sender: { id: DEMO.accessKey.id, type: 'accessKey' },
		});
		const attachment = (
			storedMessage(result.json[0].id)?.body as {
				text: { attachments: Array<{ mediaUrl: string }> };
			}
		).text.attachments[0];
		expect(attachment.mediaUrl).toBe(
			(result.json[0].attachments as Array<{ mediaUrl: string }>)[0].mediaUrl,
		);
		const download = await downloadMedia(attachment.mediaUrl);
		expect(download.headers['content-type']).toContain('image/gif');
		expect(Buffer.from(download.data).equals(GIF)).toBe(true);
	});

	it('a reply is stored with replyToMessageId; a reply to an unknown message is Bird’s 422 on Reply To Message ID', async () => {
		const question = await run(
			send(DEMO.conversations.johnWhatsapp, { messageType: 'text', text: 'Question 1' }),
		);
		const reply = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'text',
				text: 'Answer 1',
				additionalFields: { replyToMessageId: question.json[0].id },
			}),
		);
		expect(reply.error).toBeUndefined();
		expect(storedMessage(reply.json[0].id)?.replyToMessageId).toBe(question.json[0].id);

		const unknown = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'text',
				text: 'x',
				additionalFields: { replyToMessageId: '67e4d358-ca94-421e-98b7-448860df9d33' },
			}),
		);
		expect(unknown.error?.message).toBe('Bird rejected one or more fields (422)');
		expect(unknown.error?.description).toContain('"Reply To Message ID" (.replyToMessageId)');
	});

	it('a reference already used in the workspace is Bird’s 409, and only the first message exists', async () => {
		const first = await run(
			send(DEMO.conversations.johnWhatsapp, {
				messageType: 'text',
				text: 'first',
				additionalFields: { reference: 'order-7-confirmation' },
			}),
		);
		expect(first.json[0].reference).toBe('order-7-confirmation');
		const duplicate = await run(
			send(DEMO.conversations.janeEmail, {
				messageType: 'text',
				text: 'again',
				additionalFields: { reference: 'order-7-confirmation' },
			}),
		);
		expect(duplicate.error?.message).toBe(
			'Bird refused the request because of a conflicting state (409)',
		);
		expect(duplicate.error?.description).toContain('order-7-confirmation');
		expect(stored().messages.filter((m) => m.reference === 'order-7-confirmation')).toHaveLength(1);
	});

	it('an upload into a closed conversation goes through steps 1 and 2, then Bird refuses the message (409) and stores none', async () => {
		const messagesBefore = stored().messages.length;
		const mediaBefore = stored().media.length;
		const result = await run(
			send(DEMO.conversations.mariaSmsClosed, {
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
			}),
			{
				items: [binaryItem('data', GIF, 'image/gif', 'x.gif')],
			},
		);
		expect(result.error?.message).toBe(
			'Bird refused the request because of a conflicting state (409)',
		);
		expect(result.error?.description).toContain('ConversationClosed');
		expect(stored().messages.length).toBe(messagesBefore);
		expect(
			stored()
				.media.slice(mediaBefore)
				.map((m) => m.filename),
		).toEqual(['x.gif']);
	});
});
