/**
 * The sandbox's conversation and error bodies validated against Bird's own response schemas from the
 * getConversation OpenAPI document (copied to sandbox/schemas/getConversation.json), not against the
 * sandbox's idea of them.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import getConversationDoc from '../../sandbox/schemas/getConversation.json';
import { conversationsPath, DEMO, start, WS, type Started } from './support';

/**
 * Two places where Bird's published examples contradict its schema; the sandbox follows the examples:
 * - `style` is listed as required, but none of Bird's example conversations (quickstart, create, get,
 *   events) carries it;
 * - `lastMessage.recipients` is an array in the schema but `null` in the quickstart's inbound example.
 */
function birdSchemas() {
	const doc = JSON.parse(JSON.stringify(getConversationDoc)) as {
		components: { schemas: Record<string, any> };
	};
	const schemas = doc.components.schemas;
	const conversation = schemas['inbox.conversations.conversation'];
	conversation.required = conversation.required.filter((name: string) => name !== 'style');
	const lastMessage = schemas['inbox.conversations.last_message'];
	lastMessage.properties.recipients = {
		anyOf: [lastMessage.properties.recipients, { type: 'null' }],
	};
	const ajv = new Ajv({ allErrors: true, strict: false });
	addFormats(ajv);
	for (const format of ['int32', 'int64']) ajv.addFormat(format, true);
	ajv.addSchema({ ...doc, $id: 'getConversation' });
	return {
		conversation: ajv.compile({
			$ref: 'getConversation#/components/schemas/inbox.conversations.conversation',
		}),
		error: ajv.compile({ $ref: 'getConversation#/components/schemas/error.detailed' }),
	};
}

const validators = birdSchemas();

function expectValid(kind: keyof typeof validators, body: unknown): void {
	const validate = validators[kind];
	const ok = validate(body);
	expect({ ok, errors: ok ? [] : validate.errors }).toEqual({ ok: true, errors: [] });
}

let s: Started;
beforeAll(async () => {
	s = await start({ statusProgressionMs: 0 });
});
afterAll(async () => s.sandbox.close());

describe('conversations match Bird’s Conversation schema', () => {
	it.each(Object.entries(DEMO.conversations))('demo conversation %s', async (_name, id) => {
		const response = await s.api.get(`${conversationsPath}/${id}`);
		expect(response.status).toBe(200);
		expectValid('conversation', response.data);
	});

	it('a conversation created from the documented e-mail example, and every list item', async () => {
		const created = await s.api.post(conversationsPath, {
			name: 'Email Subject',
			channelId: DEMO.channels.email,
			participants: [
				{ type: 'contact', identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com' },
			],
			initialMessage: {
				body: { type: 'text', text: { text: 'Hey, listen!' } },
				recipients: [
					{ identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com', type: 'to' },
				],
			},
			attributes: { 'my-custom-attribute': '123' },
		});
		expect(created.status).toBe(201);
		expectValid('conversation', created.data);
		const list = await s.api.get(conversationsPath, { params: { limit: 100 } });
		for (const item of list.data.results) expectValid('conversation', item);
	});

	it('a conversation started by a simulated inbound message (the conversation.created payload)', async () => {
		const inbound = await s.api.post(`/_sandbox/channels/${DEMO.channels.whatsapp}/inbound`, {
			contact: {
				identifierKey: 'phonenumber',
				identifierValue: '+31600000099',
				displayName: 'Schema Check',
			},
			text: 'hi',
		});
		expect(inbound.status).toBe(201);
		expectValid('conversation', inbound.data.conversation);
	});

	it('a conversation about a resource (no channel), before and after its first message', async () => {
		const created = await s.api.post(conversationsPath, {
			name: 'Task chat',
			resource: { type: 'task', id: 'ab651378-579a-4491-abe6-eec97d4c0fa3' },
		});
		expect(created.status).toBe(201);
		expectValid('conversation', created.data);
		const path = `${conversationsPath}/${created.data.id}`;
		const body = {
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			body: { type: 'text', text: { text: 'Deadline moved' } },
		};
		expect((await s.api.post(`${path}/messages`, body)).status).toBe(201);
		expectValid('conversation', (await s.api.get(path)).data);
	});

	it('a conversation whose last message is processing', async () => {
		const id = DEMO.conversations.johnWhatsapp;
		const last = (await s.api.get(`${conversationsPath}/${id}`)).data.lastMessage.id;
		expect(
			(await s.api.patch(`${conversationsPath}/${id}/messages/${last}`, { status: 'processing' }))
				.status,
		).toBe(200);
		const conversation = await s.api.get(`${conversationsPath}/${id}`);
		expect(conversation.data.lastMessage.status).toBe('processing');
		expectValid('conversation', conversation.data);
	});

	it('the validator is strict enough to catch a wrong shape', () => {
		expect(validators.conversation({ id: 'not-a-uuid', name: 1 })).toBe(false);
	});
});

describe('error bodies match Bird’s DetailedError schema (no extra fields)', () => {
	it.each([
		[
			'404 unknown conversation',
			() => s.api.get(`${conversationsPath}/00000000-0000-4000-8000-000000000000`),
			404,
		],
		['401 no key', () => s.anonymous.get(conversationsPath), 401],
		['403 other workspace key', () => s.otherKey.get(conversationsPath), 403],
		[
			'422 invalid body',
			() => s.api.post(conversationsPath, { channelId: DEMO.channels.sms }),
			422,
		],
		['422 bad limit', () => s.api.get(conversationsPath, { params: { limit: 0 } }), 422],
		[
			'409 closed conversation',
			() =>
				s.api.post(`${conversationsPath}/${DEMO.conversations.mariaSmsClosed}/messages`, {
					participantType: 'accessKey',
					participantId: DEMO.accessKey.id,
					body: { type: 'text', text: { text: 'x' } },
				}),
			409,
		],
		['404 unknown route', () => s.api.get(`/workspaces/${WS}/nothing-here`), 404],
	])('%s', async (_name, call, status) => {
		const response = await call();
		expect(response.status).toBe(status);
		expectValid('error', response.data);
	});
});
