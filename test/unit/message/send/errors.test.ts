import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	birdFixture,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	TEST_ACCESS_KEY,
	WORKSPACE_PATH,
} from '../../../harness';

/**
 * Message errors through n8n's engine: Bird's 422 details mapped to the node's field names, a 409 for a
 * closed conversation, continue-on-fail, and bad input refused before any request is made.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGE_ID = 'f48ee7ff-45b1-42a2-838b-ea7632180e80';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;

/**
 * A value that is empty only once the expression runs. A literally empty required field never gets this
 * far: n8n refuses to run a node with missing required parameters. An expression that resolves to nothing
 * (a field missing on the item) does, and the node must catch it.
 */
const EMPTY = '={{ $json.missing ?? "" }}';

const send = (extra: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	messageType: 'text',
	text: 'Hello',
	...extra,
});

/** Every request that reached "Bird", so a test can prove that none did. */
const requests = guardNock();

describe('Bird errors on messages', () => {
	it('422: every detail is listed with the n8n field it belongs to, and Bird’s code and message are kept', async () => {
		mockBird()
			.post(MESSAGES_PATH)
			.reply(422, {
				code: 'InvalidPayload',
				message: 'One or more fields provided in the request body are malformed',
				details: {
					'.body.text.text': ['Maximum string length is 4096'],
					'.recipients[0].identifierValue': ['Invalid phone number'],
					'.participantId': ['Access key not found'],
				},
			});
		const result = await runBirdNode(
			send({
				recipients: {
					recipient: [
						{
							by: 'identifier',
							identifierKey: 'phonenumber',
							identifierValue: '+3161234',
							type: 'to',
						},
					],
				},
			}),
		);

		const error = result.error as unknown as {
			message: string;
			description: string;
			httpCode: string;
			cause?: unknown;
			context?: IDataObject;
		};
		expect(error.message).toBe('Bird rejected one or more fields (422)');
		expect(error.httpCode).toBe('422');
		const lines = String(error.description).split('\n');
		expect(lines).toEqual(
			expect.arrayContaining([
				'Bird says: InvalidPayload — One or more fields provided in the request body are malformed',
				'"Text" (.body.text.text): Maximum string length is 4096',
				'"Recipients → Identifier Value" (.recipients[0].identifierValue): Invalid phone number',
				'"Sender ID" (.participantId): Access key not found. Use the access key\'s ID, not its secret, as shown in Bird under Settings → Security → Access keys.',
			]),
		);
		expect(JSON.stringify(result.error)).not.toContain(TEST_ACCESS_KEY);
	});

	describe('422 on .participantId is the Sender ID, with how to fix it', () => {
		const rejectSender = (details: IDataObject) =>
			mockBird().post(MESSAGES_PATH).reply(422, {
				code: 'InvalidPayload',
				message: 'One or more fields provided in the request body are malformed',
				details,
			});

		it('access key sender (the secret pasted as Sender ID): names the field and asks for the key’s ID, not its secret', async () => {
			rejectSender({ '.participantId': ['No access key with this ID'] });
			const result = await runBirdNode(send({ senderId: 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' }));
			expect(result.error?.message).toBe('Bird rejected one or more fields (422)');
			expect(String(result.error?.description).split('\n')).toContain(
				'"Sender ID" (.participantId): No access key with this ID. Use the access key\'s ID, not its secret, as shown in Bird under Settings → Security → Access keys.',
			);
		});

		it('a path Bird writes without the leading dot is matched too, and every item of a batch gets the hint (Continue On Fail)', async () => {
			rejectSender({ participantId: ['Unknown participant'] })
				.post(MESSAGES_PATH)
				.reply(422, {
					code: 'InvalidPayload',
					message: 'malformed',
					details: { participantId: ['Unknown participant'] },
				});
			const result = await runBirdNode(send({}), {
				items: [{ n: 1 }, { n: 2 }],
				continueOnFail: true,
			});
			expect(result.itemErrors).toHaveLength(2);
			for (const error of result.itemErrors) {
				expect(error.description).toContain(
					'"Sender ID" (participantId): Unknown participant. Use the access key\'s ID, not its secret',
				);
			}
		});

		it('another Sender Type gets a hint for that type instead', async () => {
			rejectSender({ '.participantId': ['Contact not found'] });
			const result = await runBirdNode(
				send({ senderType: 'contact', senderId: '8f0b5377-2edc-4116-a8e8-6a475f245a04' }),
			);
			expect(result.error?.description).toContain(
				'"Sender ID" (.participantId): Contact not found. Use the ID of the contact that sends the message',
			);
			expect(result.error?.description).not.toContain('not its secret');
		});
	});

	it('422 on a template send names the template fields', async () => {
		mockBird()
			.post(MESSAGES_PATH)
			.reply(422, {
				code: 'InvalidPayload',
				message: 'malformed',
				details: {
					'.template.locale': ['Locale not available'],
					'.template.parameters[1].value': ['Expected a number'],
				},
			});
		const result = await runBirdNode(
			send({
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: 'v1',
				templateLocale: 'xx',
				templateParameters: {
					parameter: [
						{ key: 'a', value: '1', type: 'string' },
						{ key: 'b', value: 'x', type: 'string' },
					],
				},
			}),
		);
		const description = String((result.error as unknown as { description: string }).description);
		expect(description).toContain('"Template Locale" (.template.locale): Locale not available');
		expect(description).toContain(
			'"Template Parameters → Value" (.template.parameters[1].value): Expected a number',
		);
	});

	it('409 on Send into a closed conversation is reported once, not retried (a send is never repeated)', async () => {
		mockBird()
			.post(MESSAGES_PATH)
			.once()
			.reply(409, { code: 'ConversationClosed', message: 'The conversation is closed' });
		const result = await runBirdNode(send({}));
		expect(result.error?.message).toBe(
			'Bird refused the request because of a conflicting state (409)',
		);
		expect(String((result.error as unknown as { description: string }).description)).toContain(
			'Bird says: ConversationClosed — The conversation is closed',
		);
		expect(requests).toEqual([]);
	});

	it('409 on Update of a message that was already sent', async () => {
		mockBird()
			.patch(`${MESSAGES_PATH}/${MESSAGE_ID}`)
			.reply(409, { code: 'Conflict', message: 'Only draft messages can be updated' });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'update',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
			publish: true,
		});
		expect(result.error?.message).toBe(
			'Bird refused the request because of a conflicting state (409)',
		);
	});

	it('404 on Get names the missing message and its ID', async () => {
		mockBird()
			.get(`${MESSAGES_PATH}/${MESSAGE_ID}`)
			.reply(404, { code: 'ResourceNotFound', message: 'The requested resource does not exist' });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'get',
			conversationId: locator(CONVERSATION_ID),
			messageId: MESSAGE_ID,
		});
		expect(result.error?.message).toBe(`The message "${MESSAGE_ID}" was not found (404)`);
	});

	it('404 on Get Many names the missing conversation', async () => {
		mockBird()
			.get(MESSAGES_PATH)
			.query(true)
			.reply(404, { code: 'ResourceNotFound', message: 'The requested resource does not exist' });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId: locator(CONVERSATION_ID),
			returnAll: true,
		});
		expect(result.error?.message).toBe(`The conversation "${CONVERSATION_ID}" was not found (404)`);
	});
});

describe('continue on fail', () => {
	it('a closed conversation fails its item only; the other items are sent and output in order', async () => {
		const other = '907798f8-fd72-44d5-8042-fcc05c1bb570';
		mockBird().post(MESSAGES_PATH).reply(201, birdFixture('message.create'));
		mockBird()
			.post(`${WORKSPACE_PATH}/conversations/${other}/messages`)
			.reply(409, { code: 'ConversationClosed', message: 'The conversation is closed' });
		const result = await runBirdNode(
			send({ conversationId: locator('={{ $json.conversationId }}'), text: '={{ $json.text }}' }),
			{
				continueOnFail: true,
				items: [
					{ conversationId: CONVERSATION_ID, text: 'first' },
					{ conversationId: other, text: 'second' },
					{ conversationId: 'not-a-uuid', text: 'third' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(result.json[0].id).toBe('0c854061-6026-48c7-a2e8-bffb6458727b');
		expect(result.json[1].error).toContain('409');
		expect(result.json[2].error).toBe('Conversation: "not-a-uuid" is not a valid ID');
		expect(requests).toEqual([]);
	});
});

describe('a template Number parameter that is not a number names the item', () => {
	it('on Send, for the second of two items, before any request', async () => {
		const template = {
			messageType: 'template',
			templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
			templateVersion: 'v1',
			templateLocale: 'en',
			templateParameters: {
				parameter: [{ key: 'orderCount', value: '={{ $json.count }}', type: 'number' }],
			},
		};
		// Concurrency 1: item 0 is sent first (and answered), then item 1 is refused before its request.
		const first: IDataObject[] = [];
		mockBird()
			.post(MESSAGES_PATH, (body: IDataObject) => first.push(body) > 0)
			.reply(201, birdFixture('message.create'));
		const result = await runBirdNode(send({ ...template, options: { concurrency: 1 } }), {
			items: [{ count: 3 }, { count: 'n/a' }],
		});
		expect(result.error?.message).toBe(
			'Template Parameters (row 1) Value: "n/a" is not a number, but parameter "orderCount" has Type Number',
		);
		expect(
			(result.error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex,
		).toBe(1);
		expect(first.map((body) => (body.template as IDataObject).parameters)).toEqual([
			[{ type: 'number', key: 'orderCount', value: 3 }],
		]);
		expect(requests).toEqual([]);
	});

	it('on Conversation → Create with a template initial message, before any request', async () => {
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'create',
			name: 'Order 123',
			channelId: '199f0353-fcb8-41b2-afd6-614c6baf3850',
			initialMessageType: 'template',
			templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
			templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
			templateLocale: 'en',
			templateParameters: { parameter: [{ key: 'age', value: '20 years', type: 'number' }] },
		});
		expect(result.error?.message).toBe(
			'Template Parameters (row 1) Value: "20 years" is not a number, but parameter "age" has Type Number',
		);
		expect(
			(result.error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex,
		).toBe(0);
		expect(requests).toEqual([]);
	});
});

describe('bad input is refused before any request, naming the field', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		['an empty text', send({ text: '   ' }), 'Text: is empty'],
		['an empty Sender ID', send({ senderId: EMPTY }), 'Sender ID: is empty'],
		[
			'a malformed conversation ID',
			send({ conversationId: locator('={{ "12345" }}') }),
			'Conversation: "12345" is not a valid ID',
		],
		['an empty HTML body', send({ messageType: 'html', html: EMPTY }), 'HTML: is empty'],
		[
			'a missing media URL',
			send({ messageType: 'image', mediaSource: 'url', mediaUrl: EMPTY }),
			'Media URL: is empty',
		],
		[
			'a media URL that is not http(s)',
			send({ messageType: 'gif', mediaUrl: 'ftp://example.com/a.gif' }),
			'Media URL: "ftp://example.com/a.gif" is not an http(s) URL',
		],
		[
			'a file URL without content type',
			send({ messageType: 'file', mediaUrl: 'https://example.com/a.pdf', fileContentType: EMPTY }),
			'File Content Type: is empty',
		],
		[
			'a latitude out of range',
			send({
				messageType: 'location',
				latitude: 91,
				longitude: 4,
				address: 'Dam 1',
				label: 'Office',
			}),
			'Latitude: 91 is out of range',
		],
		[
			'a location without label',
			send({ messageType: 'location', latitude: 52, longitude: 4, address: 'Dam 1', label: EMPTY }),
			'Label: is empty',
		],
		[
			'a malformed template project ID',
			send({
				messageType: 'template',
				templateProjectId: 'welcome',
				templateVersion: 'v1',
				templateLocale: 'en',
			}),
			'Template Project ID: "welcome" is not a valid ID',
		],
		[
			'a template parameter without key',
			send({
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: 'v1',
				templateLocale: 'en',
				templateParameters: { parameter: [{ key: '', value: 'x' }] },
			}),
			'Template Parameters (row 1) Key: is empty',
		],
		[
			'a malformed recipient contact ID',
			send({ recipients: { recipient: [{ by: 'id', contactId: 'john', type: 'to' }] } }),
			'Recipients (row 1) Contact ID: "john" is not a valid ID',
		],
		[
			'a recipient without identifier value',
			send({
				recipients: {
					recipient: [
						{ by: 'identifier', identifierKey: 'phonenumber', identifierValue: '', type: 'to' },
					],
				},
			}),
			'Recipients (row 1) Identifier Value: is empty',
		],
		[
			'a malformed Reply To Message ID',
			send({ additionalFields: { replyToMessageId: 'last' } }),
			'Reply To Message ID: "last" is not a valid ID',
		],
		[
			'a malformed message ID on Get',
			{
				resource: 'message',
				operation: 'get',
				conversationId: locator(CONVERSATION_ID),
				messageId: '42',
			},
			'Message ID: "42" is not a valid ID',
		],
		[
			'a malformed message ID on Delete',
			{
				resource: 'message',
				operation: 'delete',
				conversationId: locator(CONVERSATION_ID),
				messageId: EMPTY,
			},
			'Message ID: is empty',
		],
		[
			'a malformed conversation ID on Get Many',
			{
				resource: 'message',
				operation: 'getAll',
				conversationId: locator('={{ "abc" }}'),
				returnAll: true,
			},
			'Conversation: "abc" is not a valid ID',
		],
		[
			'a template Number parameter that is not a number',
			send({
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: 'v1',
				templateLocale: 'en',
				templateParameters: {
					parameter: [
						{ key: 'name', value: 'John', type: 'string' },
						{ key: 'orderCount', value: 'three', type: 'number' },
					],
				},
			}),
			'Template Parameters (row 2) Value: "three" is not a number, but parameter "orderCount" has Type Number',
		],
		[
			'an empty template Number parameter (Number("") would send 0)',
			send({
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: 'v1',
				templateLocale: 'en',
				templateParameters: { parameter: [{ key: 'orderCount', value: EMPTY, type: 'number' }] },
			}),
			'Template Parameters (row 1) Value: is empty, but parameter "orderCount" has Type Number',
		],
		[
			'a Created After that is not a date',
			{
				resource: 'message',
				operation: 'getAll',
				conversationId: locator(CONVERSATION_ID),
				returnAll: true,
				filters: { dateFrom: 'yesterday' },
			},
			'Filters → Created After: "yesterday" is not a valid date',
		],
		[
			'a Created After expression that resolves to nothing',
			{
				resource: 'message',
				operation: 'getAll',
				conversationId: locator(CONVERSATION_ID),
				returnAll: true,
				filters: { dateFrom: EMPTY },
			},
			'Filters → Created After: is empty',
		],
		[
			'an Update that changes nothing',
			{
				resource: 'message',
				operation: 'update',
				conversationId: locator(CONVERSATION_ID),
				messageId: MESSAGE_ID,
				publish: false,
				updateFields: {},
			},
			'Update Fields: nothing to change',
		],
		[
			'an Update with a malformed recipient',
			{
				resource: 'message',
				operation: 'update',
				conversationId: locator(CONVERSATION_ID),
				messageId: MESSAGE_ID,
				updateFields: { recipients: { recipient: [{ by: 'id', contactId: 'x', type: 'to' }] } },
			},
			'Recipients (row 1) Contact ID: "x" is not a valid ID',
		],
	];

	it.each(cases)('%s', async (_title, parameters, message) => {
		const result = await runBirdNode(parameters);
		// n8n-core's routing node re-wraps a preSend's NodeOperationError as a NodeApiError with no HTTP
		// code; the message and description users see are ours, unchanged.
		expect(result.error?.message).toBe(message);
		expect((result.error as unknown as { httpCode?: string }).httpCode ?? 'none').toBe('none');
		expect(
			String((result.error as unknown as { description?: string }).description ?? ''),
		).not.toBe('');
		// disableNetConnect + no interceptors: any request would have been recorded as "no match".
		expect(requests).toEqual([]);
	});
});
