import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	birdFixture,
	captureBody,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	WORKSPACE_PATH,
} from '../../../harness';

/**
 * Message → Send against a mocked Bird, through n8n's engine: the exact request each kind of message sends,
 * the items it outputs, and the e-mail sender fields (name, address, reply-to). The rest of Send's tests are
 * in this folder: errors, upload (binary data), batch (many items) and the sandbox files. That Send is never
 * repeated after Bird took the message (429/5xx retried, 2xx final, a lost connection not repeated) is tested
 * with every other caller of the request path in transport/retries.test.ts and transport/connection-failure.test.ts.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGE_ID = 'f48ee7ff-45b1-42a2-838b-ea7632180e80';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const CONTACT_ID = '8f0b5377-2edc-4116-a8e8-6a475f245a04';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;

const send = (extra: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	...extra,
});

/** Sends with `parameters`, answering 201 with Bird's quickstart response; returns what Bird received. */
async function sentBody(parameters: INodeParameters): Promise<IDataObject | undefined> {
	const sent = captureBody();
	mockBird().post(MESSAGES_PATH, sent.match).reply(201, birdFixture('message.create'));
	const result = await runBirdNode(send(parameters));
	expect(result.error).toBeUndefined();
	return sent.body;
}

/** A text message, for the e-mail sender fields. */
const textSend = (extra: INodeParameters = {}): INodeParameters =>
	send({ messageType: 'text', text: 'Only once', ...extra });
const created = (body: IDataObject) => ({
	id: '0c854061-6026-48c7-a2e8-bffb6458727b',
	status: 'accepted',
	draft: false,
	...body,
});

guardNock();

describe('Message → Send', () => {
	it("sends Bird's quickstart example (text, recipient by contact ID) and outputs the created message", async () => {
		const sent = captureBody();
		const created = birdFixture('message.create');
		mockBird().post(MESSAGES_PATH, sent.match).reply(201, created);

		const result = await runBirdNode(
			send({
				messageType: 'text',
				text: 'Hey there!',
				recipients: { recipient: [{ by: 'id', contactId: CONTACT_ID, type: 'to' }] },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			participantType: 'accessKey',
			participantId: ACCESS_KEY_ID,
			addMissingParticipants: true,
			recipients: [{ type: 'to', id: CONTACT_ID }],
			body: { type: 'text', text: { text: 'Hey there!' } },
		});
		expect(result.json).toEqual([created]);
	});

	it('also finds the conversation when it was picked From List', async () => {
		const sent = captureBody();
		mockBird().post(MESSAGES_PATH, sent.match).reply(201, birdFixture('message.create'));
		const result = await runBirdNode(
			send({ conversationId: locator(CONVERSATION_ID, 'list'), text: 'From the list' }),
		);
		expect(result.error).toBeUndefined();
		expect(sent.body?.body).toEqual({ type: 'text', text: { text: 'From the list' } });
	});

	it('sends recipients by identifier with cc/bcc, every optional field, and a contact as sender', async () => {
		const body = await sentBody({
			senderType: 'contact',
			senderId: ` ${CONTACT_ID} `,
			messageType: 'html',
			html: '<p>Your order <b>42</b> shipped</p>',
			text: 'Your order 42 shipped',
			subject: 'Order 42',
			recipients: {
				recipient: [
					{
						by: 'identifier',
						identifierKey: 'emailaddress',
						identifierValue: ' jane.doe@example.com ',
						type: 'to',
					},
					{
						by: 'identifier',
						identifierKey: 'emailaddress',
						identifierValue: 'team@example.com',
						type: 'cc',
					},
					{ by: 'id', contactId: CONTACT_ID, type: 'bcc' },
				],
			},
			additionalFields: {
				addMissingParticipants: false,
				draft: true,
				reference: 'order-42-shipped',
				replyToMessageId: MESSAGE_ID,
				senderName: 'Acme Support',
				senderEmail: 'support@acme.example',
				replyToAddress: 'help@acme.example',
			},
		});
		expect(body).toEqual({
			participantType: 'contact',
			participantId: CONTACT_ID,
			addMissingParticipants: false,
			body: {
				type: 'html',
				html: {
					html: '<p>Your order <b>42</b> shipped</p>',
					text: 'Your order 42 shipped',
					metadata: { subject: 'Order 42' },
				},
			},
			recipients: [
				{ type: 'to', identifierKey: 'emailaddress', identifierValue: 'jane.doe@example.com' },
				{ type: 'cc', identifierKey: 'emailaddress', identifierValue: 'team@example.com' },
				{ type: 'bcc', id: CONTACT_ID },
			],
			draft: true,
			reference: 'order-42-shipped',
			replyToMessageId: MESSAGE_ID,
			sender: {
				name: 'Acme Support',
				email: 'support@acme.example',
				emailReplyToAddress: 'help@acme.example',
			},
		});
	});

	it('sends an image by URL with its caption as text and alt text', async () => {
		const body = await sentBody({
			messageType: 'image',
			mediaSource: 'url',
			mediaUrl: ' https://example.com/receipt.png ',
			caption: 'Your receipt',
		});
		expect(body?.body).toEqual({
			type: 'image',
			image: {
				images: [{ mediaUrl: 'https://example.com/receipt.png', altText: 'Your receipt' }],
				text: 'Your receipt',
			},
		});
	});

	it('sends a file by URL with its content type and file name', async () => {
		const body = await sentBody({
			messageType: 'file',
			mediaUrl: 'https://example.com/invoice-42.pdf',
			fileContentType: 'application/pdf',
			fileName: 'invoice-42.pdf',
			caption: 'Invoice 42',
		});
		expect(body?.body).toEqual({
			type: 'file',
			file: {
				files: [
					{
						mediaUrl: 'https://example.com/invoice-42.pdf',
						contentType: 'application/pdf',
						filename: 'invoice-42.pdf',
					},
				],
				text: 'Invoice 42',
			},
		});
	});

	it('sends a GIF by URL', async () => {
		const body = await sentBody({ messageType: 'gif', mediaUrl: 'https://example.com/party.gif' });
		expect(body?.body).toEqual({ type: 'gif', gif: { mediaUrl: 'https://example.com/party.gif' } });
	});

	it('sends a location with coordinates, address and label', async () => {
		const body = await sentBody({
			messageType: 'location',
			latitude: 52.370216,
			longitude: 4.895168,
			address: 'Dam 1, Amsterdam',
			label: 'Main office',
		});
		expect(body?.body).toEqual({
			type: 'location',
			location: {
				coordinates: { latitude: 52.370216, longitude: 4.895168 },
				location: { address: 'Dam 1, Amsterdam', label: 'Main office' },
			},
		});
	});

	it('sends a template with typed parameters instead of a body', async () => {
		const body = await sentBody({
			messageType: 'template',
			templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
			templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
			templateLocale: 'nl',
			templateParameters: {
				parameter: [
					{ key: 'name', value: 'John', type: 'string' },
					{ key: 'orderCount', value: '3', type: 'number' },
					{ key: 'vip', value: 'true', type: 'boolean' },
				],
			},
			recipients: {
				recipient: [
					{
						by: 'identifier',
						identifierKey: 'phonenumber',
						identifierValue: '+31612345678',
						type: 'to',
					},
				],
			},
		});
		expect(body).toEqual({
			participantType: 'accessKey',
			participantId: ACCESS_KEY_ID,
			addMissingParticipants: true,
			template: {
				projectId: '4720942c-9bde-4934-ab77-f600743894a1',
				version: '5c0e4db5-20f2-4224-86f4-fce052997608',
				locale: 'nl',
				parameters: [
					{ type: 'string', key: 'name', value: 'John' },
					{ type: 'number', key: 'orderCount', value: 3 },
					{ type: 'boolean', key: 'vip', value: true },
				],
			},
			recipients: [{ type: 'to', identifierKey: 'phonenumber', identifierValue: '+31612345678' }],
		});
		expect(body).not.toHaveProperty('body');
	});

	it('sends one message per input item, with expressions resolved per item', async () => {
		const bodies: IDataObject[] = [];
		mockBird()
			.post(MESSAGES_PATH, (b: IDataObject) => {
				bodies.push(b);
				return true;
			})
			.times(2)
			.reply(201, (_uri, b) => ({
				...birdFixture('message.create'),
				body: (b as IDataObject).body,
			}));
		const result = await runBirdNode(send({ text: '=Hello {{ $json.name }}' }), {
			items: [{ name: 'Ann' }, { name: 'Bob' }],
		});
		expect(result.error).toBeUndefined();
		expect(bodies.map((b) => b.body)).toEqual([
			{ type: 'text', text: { text: 'Hello Ann' } },
			{ type: 'text', text: { text: 'Hello Bob' } },
		]);
		expect(result.json.map((m) => (m.body as IDataObject).text)).toEqual([
			{ text: 'Hello Ann' },
			{ text: 'Hello Bob' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Simplify returns the flat message view', async () => {
		mockBird().post(MESSAGES_PATH).reply(201, birdFixture('message.create'));
		const result = await runBirdNode(send({ text: 'Hey there!', options: { simplify: true } }));
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				id: '0c854061-6026-48c7-a2e8-bffb6458727b',
				conversationId: CONVERSATION_ID,
				status: 'accepted',
				direction: 'outgoing',
				type: 'text',
				text: 'Hey, listen!',
				draft: false,
				sender: { id: ACCESS_KEY_ID, type: 'accessKey', name: 'My first key' },
				recipients: [
					{ type: 'to', id: CONTACT_ID, identifier: 'some.customer@example.com', name: 'John Doe' },
				],
				createdAt: '2024-11-25T20:12:10.514Z',
				updatedAt: '2024-11-25T20:12:10.514Z',
			},
		]);
	});
});

describe('e-mail sender', () => {
	it('sends name, address and reply-to together', async () => {
		const sent = captureBody();
		mockBird()
			.post(MESSAGES_PATH, sent.match)
			.reply(201, (_uri, body) => created(body as IDataObject));
		await runBirdNode(
			textSend({
				additionalFields: {
					senderName: ' Acme Support ',
					senderEmail: 'support@acme.example',
					replyToAddress: 'help@acme.example',
				},
			}),
		);
		expect(sent.body?.sender).toEqual({
			name: 'Acme Support',
			email: 'support@acme.example',
			emailReplyToAddress: 'help@acme.example',
		});
	});

	it.each([
		['an address', { senderEmail: 'support@acme.example' }],
		['a reply-to', { replyToAddress: 'help@acme.example' }],
	])(
		'refuses %s without a From name before any request, instead of silently dropping it',
		async (_label, additionalFields) => {
			const { error } = await runBirdNode(textSend({ additionalFields }));
			expect(error?.message).toBe('E-Mail Sender Name: is empty');
			expect(error?.description).toMatch(/From name/);
		},
	);
});
