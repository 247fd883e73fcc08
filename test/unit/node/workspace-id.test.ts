import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	birdFixture,
	callListSearch,
	DEMO_IDS,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	WORKSPACE_PATH,
} from '../../harness';

/**
 * A Workspace ID pasted with a trailing space or newline (as copying it from Bird's UI or an e-mail often
 * gives) reaches Bird trimmed on every path: declarative routing URLs, the coded Send, the binary upload
 * and the conversation picker. Before, only Send trimmed it, and the other paths asked Bird for
 * "/workspaces/<id>%20/…" or "<id>%0A", which Bird answers with a 404 for a workspace that does exist.
 */

const PADDED = { workspaceId: ` ${DEMO_IDS.workspaceId} \n` };
const CONVERSATION_ID = '907798f8-fd72-44d5-8042-fcc05c1bb570';
const CONVERSATION_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`;
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';

const unmatched = guardNock();

describe('a Workspace ID with surrounding whitespace', () => {
	const declarative: Array<[string, INodeParameters, string]> = [
		[
			'Conversation → Get',
			{ resource: 'conversation', operation: 'get', conversationId: locator(CONVERSATION_ID) },
			CONVERSATION_PATH,
		],
		[
			'Conversation → Get Many',
			{ resource: 'conversation', operation: 'getAll', limit: 1 },
			`${WORKSPACE_PATH}/conversations`,
		],
		[
			'Message → Get Many',
			{
				resource: 'message',
				operation: 'getAll',
				conversationId: locator(CONVERSATION_ID),
				limit: 1,
			},
			`${CONVERSATION_PATH}/messages`,
		],
		[
			'Participant → Get Many',
			{
				resource: 'participant',
				operation: 'getAll',
				conversationId: locator(CONVERSATION_ID),
				limit: 1,
			},
			`${CONVERSATION_PATH}/participants`,
		],
	];

	it.each(declarative)('is trimmed in the routed URL of %s', async (_title, parameters, path) => {
		mockBird()
			.get(path)
			.query(true)
			.reply(200, { ...birdFixture('conversation.get'), results: [] });
		const result = await runBirdNode(parameters, { credentials: PADDED });
		expect(unmatched).toEqual([]);
		expect(result.error).toBeUndefined();
	});

	it('is trimmed by the coded Message → Send', async () => {
		mockBird().post(`${CONVERSATION_PATH}/messages`).reply(201, birdFixture('message.create'));
		const result = await runBirdNode(
			{
				resource: 'message',
				operation: 'send',
				conversationId: locator(CONVERSATION_ID),
				senderId: ACCESS_KEY_ID,
				messageType: 'text',
				text: 'Hi',
			},
			{ credentials: PADDED },
		);
		expect(unmatched).toEqual([]);
		expect(result.error).toBeUndefined();
	});

	it('is trimmed in step 1 of a binary upload (pre-signed upload form)', async () => {
		const form = birdFixture('presigned-upload');
		mockBird().post(`${CONVERSATION_PATH}/presigned-upload`).reply(200, form);
		nock(String(form.uploadUrl)).post('/').reply(204);
		mockBird()
			.post(`${CONVERSATION_PATH}/messages`)
			.reply(201, (_uri, body) => ({
				...birdFixture('message.create'),
				body: (body as IDataObject).body,
			}));
		const result = await runBirdNode(
			{
				resource: 'message',
				operation: 'send',
				conversationId: locator(CONVERSATION_ID),
				senderId: ACCESS_KEY_ID,
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
			},
			{
				credentials: PADDED,
				items: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from('png').toString('base64'),
								mimeType: 'image/png',
								fileName: 'a.png',
							},
						},
					},
				],
			},
		);
		expect(unmatched).toEqual([]);
		expect(result.error).toBeUndefined();
	});

	it('is trimmed by the conversation picker (list search)', async () => {
		mockBird()
			.get(`${WORKSPACE_PATH}/conversations`)
			.query({ limit: '100' })
			.reply(200, { results: [birdFixture('conversation.get')] });
		const page = await callListSearch('searchConversations', undefined, undefined, PADDED);
		expect(unmatched).toEqual([]);
		expect(page.results).toHaveLength(1);
	});
});
