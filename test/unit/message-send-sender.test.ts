import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runBirdNode, TEST_BASE_URL, WORKSPACE_PATH } from '../harness';

/**
 * Message → Send's e-mail sender fields (name, address, reply-to). That Send is never repeated after Bird
 * took the message (429/5xx retried, 2xx final, a lost connection not repeated) is tested with every other
 * caller of the request path in transport/retries.test.ts and transport/connection-failure.test.ts.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;
const send = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: CONVERSATION_ID },
	senderId: '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c',
	messageType: 'text',
	text: 'Only once',
	...extra,
});
const created = (body: IDataObject) => ({
	id: '0c854061-6026-48c7-a2e8-bffb6458727b',
	status: 'accepted',
	draft: false,
	...body,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => {
	// Leave no nock state behind for further test files in this jest process.
	nock.enableNetConnect();
	nock.restore();
});

describe('e-mail sender', () => {
	it('sends name, address and reply-to together', async () => {
		let sent: IDataObject | undefined;
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.reply(201, (_uri, body) => created(body as IDataObject));
		await runBirdNode(
			send({
				additionalFields: {
					senderName: ' Acme Support ',
					senderEmail: 'support@acme.example',
					replyToAddress: 'help@acme.example',
				},
			}),
		);
		expect(sent?.sender).toEqual({
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
			const { error } = await runBirdNode(send({ additionalFields }));
			expect(error?.message).toBe('E-Mail Sender Name: is empty');
			expect(error?.description).toMatch(/From name/);
		},
	);
});
