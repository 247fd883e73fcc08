/**
 * Message → Send has two ways to run. Workflows run the coded operation (customOperations, actions/sendMessages.ts);
 * n8n 2.41 runs the AI-tool variant through the node type's execute(), which for a declarative node is RoutingNode,
 * and RoutingNode ignores customOperations, so the tool runs Send's routing (descriptions/message/index.ts).
 * Here both run through n8n-core's engine against a mocked Bird: the routed one with a node object that has no
 * customOperations (what RoutingNode sees), and they must send the same request and output the same items.
 */
import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, INodeParameters } from 'n8n-workflow';

import { BirdConversations } from '../../../../nodes/BirdConversations/BirdConversations.node';
import { sendMessages } from '../../../../nodes/BirdConversations/actions/sendMessages';
import {
	BIRD_NODE_TYPE,
	birdFixture,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	sourceNodeTypes,
	TEST_ACCESS_KEY,
	WORKSPACE_PATH,
	type BirdRunResult,
} from '../../../harness';

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const CONTACT_ID = '8f0b5377-2edc-4116-a8e8-6a475f245a04';
const MESSAGE_ID = 'f48ee7ff-45b1-42a2-838b-ea7632180e80';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;

/** The node as RoutingNode runs it for a tool: same description, no custom operation to prefer. */
const routedOnly = sourceNodeTypes({
	[BIRD_NODE_TYPE]: () => {
		const node = new BirdConversations() as Partial<BirdConversations>;
		delete node.customOperations;
		return node as BirdConversations;
	},
});

/** The node as a workflow runs it, counting the calls of its coded Send. */
let codedCalls = 0;
const counted = sourceNodeTypes({
	[BIRD_NODE_TYPE]: () => {
		const node = new BirdConversations();
		node.customOperations = {
			message: {
				send: async function (this: ThisParameterType<typeof sendMessages>) {
					codedCalls++;
					return await sendMessages.call(this);
				},
			},
		};
		return node;
	},
});

interface Seen {
	method: string;
	path: string;
	headers: IDataObject;
	body: IDataObject;
	result: BirdRunResult;
}

/** Runs Send once with `parameters` and returns the one request Bird saw and the node's result. */
async function sendWith(parameters: INodeParameters, routed: boolean): Promise<Seen> {
	let seen: Omit<Seen, 'result'> | undefined;
	mockBird()
		.post(MESSAGES_PATH)
		.reply(201, function (path, body) {
			const headers = this.req.headers as IDataObject;
			seen = {
				method: this.req.method,
				path,
				headers: {
					accept: headers.accept,
					'content-type': headers['content-type'],
					authorization: headers.authorization,
				},
				body: body as IDataObject,
			};
			return birdFixture('message.create');
		});
	const result = await runBirdNode(
		{
			resource: 'message',
			operation: 'send',
			conversationId: locator(CONVERSATION_ID),
			senderId: ACCESS_KEY_ID,
			...parameters,
		},
		{ nodeTypes: routed ? routedOnly : counted },
	);
	expect(result.error).toBeUndefined();
	expect(nock.isDone()).toBe(true);
	return { ...seen!, result };
}

guardNock();

describe('Message → Send: the routing the AI tool runs sends what the coded operation sends', () => {
	beforeEach(() => {
		codedCalls = 0;
	});

	const cases: Array<[string, INodeParameters]> = [
		[
			'a text with a recipient by contact ID',
			{
				messageType: 'text',
				text: 'Hey there!',
				recipients: { recipient: [{ by: 'id', contactId: CONTACT_ID, type: 'to' }] },
			},
		],
		[
			'an HTML e-mail with subject, sender, reply-to and every extra',
			{
				messageType: 'html',
				html: '<p>Order <b>42</b> shipped</p>',
				text: 'Order 42 shipped',
				subject: 'Order 42',
				additionalFields: {
					addMissingParticipants: false,
					draft: true,
					reference: 'order-42',
					replyToMessageId: MESSAGE_ID,
					senderName: 'Acme Support',
					replyToAddress: 'help@acme.example',
				},
			},
		],
		[
			'a location',
			{
				messageType: 'location',
				latitude: 52.37,
				longitude: 4.89,
				address: 'Dam 1, Amsterdam',
				label: 'Shop',
			},
		],
		[
			'a template with typed parameters',
			{
				messageType: 'template',
				templateProjectId: '4720942c-9bde-4934-ab77-f600743894a1',
				templateVersion: '5c0e4db5-20f2-4224-86f4-fce052997608',
				templateLocale: 'nl',
				templateParameters: { parameter: [{ key: 'orderCount', value: '3', type: 'number' }] },
			},
		],
		['a simplified result', { messageType: 'text', text: 'Short', options: { simplify: true } }],
	];

	it.each(cases)('%s', async (_name, parameters) => {
		const coded = await sendWith(parameters, false);
		expect(codedCalls).toBe(1);
		const routed = await sendWith(parameters, true);
		expect(codedCalls).toBe(1);

		expect(routed.method).toBe('POST');
		expect(routed.path).toBe(MESSAGES_PATH);
		expect(routed.headers).toEqual({
			accept: 'application/json',
			'content-type': 'application/json',
			authorization: `AccessKey ${TEST_ACCESS_KEY}`,
		});
		expect({ ...routed, result: undefined }).toEqual({ ...coded, result: undefined });
		expect(routed.result.json).toEqual(coded.result.json);
		expect(routed.body.participantId).toBe(ACCESS_KEY_ID);
	});

	it('the routing refuses a bad field before any request, naming it, as the coded one does', async () => {
		const parameters = { messageType: 'text', text: '={{ "" }}' };
		const routed = await runBirdNode(
			{
				resource: 'message',
				operation: 'send',
				conversationId: locator(CONVERSATION_ID),
				senderId: ACCESS_KEY_ID,
				...parameters,
			},
			{ nodeTypes: routedOnly },
		);
		const coded = await runBirdNode(
			{
				resource: 'message',
				operation: 'send',
				conversationId: locator(CONVERSATION_ID),
				senderId: ACCESS_KEY_ID,
				...parameters,
			},
			{ nodeTypes: counted },
		);
		expect(codedCalls).toBe(1);
		for (const { error } of [routed, coded]) {
			expect(error?.message).toMatch(/Text/);
			expect(error?.description).toMatch(/Enter the message text/);
		}
	});

	it('the routing runs the shared preSend builder, through the request executor', () => {
		const send = new BirdConversations().description.properties
			.filter(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('message'),
			)
			.flatMap((p) => p.options as Array<{ value: string; routing?: IDataObject }>)
			.find((o) => o.value === 'send');
		const routing = send?.routing as {
			request: IHttpRequestOptions;
			send: { paginate: boolean; preSend: unknown[] };
		};
		expect(routing.request.method).toBe('POST');
		expect(routing.request.url).toMatch(/\/conversations\/.*\/messages$/);
		expect(routing.send.paginate).toBe(true);
		expect(routing.send.preSend.map((f) => (f as { name: string }).name)).toEqual([
			'buildSendMessageBody',
		]);
	});
});
