import nock from 'nock';

import {
	DEMO_IDS,
	guardNock,
	locator,
	runBirdNode,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../harness';

// Retries wait with n8n-workflow's `sleep`. Replace it with a recorder: tests run instantly and can
// assert the exact delay chosen (Retry-After or backoff) without measuring wall time.
const sleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return {
		...actual,
		sleep: jest.fn(async (ms: number) => {
			sleeps.push(ms);
		}),
	};
});

const CONVERSATION_ID = '67e4d358-ca94-421e-98b7-448860df9d33';
const ONE = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`;
const CONVERSATIONS = `${WORKSPACE_PATH}/conversations`;
const conversationId = locator(CONVERSATION_ID);
const get = { resource: 'conversation', operation: 'get', conversationId };
const create = {
	resource: 'conversation',
	operation: 'create',
	name: 'Ticket',
	channelId: DEMO_IDS.channels.sms,
};
const conversation = { id: CONVERSATION_ID, name: 'Ticket', status: 'active' };
// Retries (429, 5xx, connection failures) are tested in transport/retries.test.ts and
// transport/connection-failure.test.ts; here `sleeps` only shows that an error was not retried.

/** Every text an error shows a user, to check what it names (and that it never leaks the key). */
function shown(error: unknown): string {
	const e = error as { message?: string; description?: string };
	return `${e?.message ?? ''}\n${e?.description ?? ''}`;
}

guardNock();
beforeEach(() => {
	sleeps.length = 0;
});

describe('errors from Bird', () => {
	// docs/bird-api.md §1.3: Bird does not document whether a wrong key gets 401 or 403. Each text must be
	// right under both readings: a 401 is about the key; a 403 may be the key or its role, and never calls it valid.
	it('reading "a wrong key gets 401": the error blames the access key, carries Bird code and message, never echoes the key', async () => {
		nock(TEST_BASE_URL)
			.get(ONE)
			.reply(401, { code: 'Unauthorized', message: 'Invalid access key' });
		const { error, result } = await runBirdNode(get);
		expect(error?.message).toBe('Bird rejected the access key (401)');
		expect(error?.description).toContain('Bird says: Unauthorized — Invalid access key');
		expect(error?.description).toMatch(/Access Key .* missing, wrong, revoked or expired/);
		expect(error?.description).toContain('whole secret of an active key (not its ID)');
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(JSON.stringify(result.run)).not.toContain(TEST_ACCESS_KEY);
		expect(sleeps).toEqual([]);
	});

	it('reading "a wrong key gets 403": the error names the access key as a cause and never says it is valid', async () => {
		nock(TEST_BASE_URL).get(ONE).reply(403, { code: 'Forbidden', message: 'Invalid access key' });
		const { error } = await runBirdNode(get);
		expect(error?.message).toBe('Bird refused access with this access key (403)');
		expect(error?.description).toContain('Bird says: Forbidden — Invalid access key');
		expect(error?.description).toContain('whether it answers a wrong access key with 401 or 403');
		expect(error?.description).toContain(
			'1) The key: the Access Key in the credential is wrong, revoked or expired. Paste the whole secret',
		);
		expect(shown(error)).not.toMatch(/\bvalid\b/i);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
		expect(sleeps).toEqual([]);
	});

	it('reading "403 is a valid key without permission": the same error names the role and the Workspace ID', async () => {
		nock(TEST_BASE_URL).get(ONE).reply(403, {
			code: 'Forbidden',
			message: 'The caller is not allowed to access the resource.',
		});
		const { error } = await runBirdNode(get);
		expect(error?.message).toBe('Bird refused access with this access key (403)');
		expect(error?.description).toContain(
			'2) Its permissions: the key belongs to another workspace than the Workspace ID, or its access role does not allow this call.',
		);
		expect(error?.description).toContain('"Application Developer" role');
		expect(shown(error)).not.toMatch(/\bvalid\b/i);
	});

	it('404 names the missing conversation and its ID', async () => {
		nock(TEST_BASE_URL)
			.get(ONE)
			.reply(404, { code: 'ResourceNotFound', message: 'The requested resource does not exist' });
		const { error } = await runBirdNode(get);
		expect(error?.message).toBe(`The conversation "${CONVERSATION_ID}" was not found (404)`);
		expect(error?.description).toContain('ResourceNotFound');
	});

	it('404 on a participant lookup names the participant by its identifier', async () => {
		nock(TEST_BASE_URL)
			.get(`${ONE}/participants/phonenumber/%2B31600000000`)
			.reply(404, { code: 'ResourceNotFound', message: 'nope' });
		const { error } = await runBirdNode({
			resource: 'participant',
			operation: 'get',
			conversationId,
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: '+31600000000',
		});
		expect(error?.message).toMatch(/participant/);
		expect(error?.message).toContain('+31600000000');
	});

	it("422 lists every detail of Bird's example, mapped to the n8n field names", async () => {
		nock(TEST_BASE_URL)
			.post(CONVERSATIONS)
			.reply(422, {
				code: 'InvalidPayload',
				message: 'One or more fields provided in the request body are malformed',
				details: {
					'.name': ["Property 'name' is missing"],
					'.description': ['Maximum string length is 250'],
					'.initialMessage.body.text.text': ['Must not be empty'],
					'.somethingElse': ['kept as is'],
				},
			});
		const { error } = await runBirdNode(create);
		expect(error?.message).toBe('Bird rejected one or more fields (422)');
		const text = shown(error);
		expect(text).toContain('InvalidPayload');
		expect(text).toContain(`"Name" (.name): Property 'name' is missing`);
		expect(text).toContain('"Description" (.description): Maximum string length is 250');
		expect(text).toContain(
			'"Initial Message Text" (.initialMessage.body.text.text): Must not be empty',
		);
		expect(text).toContain('.somethingElse: kept as is');
		expect(sleeps).toEqual([]);
	});

	it('409 is reported, not retried', async () => {
		nock(TEST_BASE_URL)
			.post(CONVERSATIONS)
			.reply(409, { code: 'Conflict', message: 'Conversation is closed' });
		const { error } = await runBirdNode(create);
		expect(error?.message).toMatch(/409/);
		expect(error?.description).toContain('Conversation is closed');
		expect(sleeps).toEqual([]);
	});
});

describe('bad input is refused before any request, naming the field', () => {
	// nock allows no request here: a request would fail with a network error instead of these messages.
	it.each([
		[
			'a malformed conversation ID from an expression',
			{ ...get, conversationId: { __rl: true, mode: 'id', value: '={{ "not-a-uuid" }}' } },
			/Conversation.*not-a-uuid.*not a valid ID/,
		],
		['an empty name', { ...create, name: '  ' }, /Name: is empty/],
		['a malformed channel ID', { ...create, channelId: '12345' }, /Channel ID.*not a valid ID/],
		[
			'more than 5 participants',
			{
				...create,
				participants: {
					participant: Array.from({ length: 6 }, (_, i) => ({
						kind: 'contactByIdentifier',
						identifierKey: 'phonenumber',
						identifierValue: `+3161234567${i}`,
					})),
				},
			},
			/Participants: 6 were given.*at most 5/,
		],
		[
			'an empty initial message text',
			{ ...create, initialMessageType: 'text', initialMessageText: '' },
			/Initial Message Text: is empty/,
		],
		[
			'an empty participant identifier',
			{
				...create,
				participants: {
					participant: [
						{ kind: 'contactByIdentifier', identifierKey: 'phonenumber', identifierValue: '' },
					],
				},
			},
			/Participants \(row 1\) Identifier Value: is empty/,
		],
		[
			'a malformed template project ID',
			{
				...create,
				initialMessageType: 'template',
				templateProjectId: 'x',
				templateVersion: 'v1',
				templateLocale: 'en',
			},
			/Template Project ID/,
		],
		// An expression, so n8n's own "required" check (which skips expressions) lets it through to the node.
		[
			'an empty participant ID on Remove',
			{ resource: 'participant', operation: 'remove', conversationId, participantId: '={{ "" }}' },
			/Participant ID: is empty/,
		],
	])('%s', async (_label, parameters, message) => {
		const { error } = await runBirdNode(parameters);
		// The preSend raises a NodeOperationError; n8n's routing node hands it on as the node's error
		// with message and description intact.
		expect(error?.message).toMatch(message);
		expect(error?.description).toBeTruthy();
	});
});

it('a literal malformed conversation ID is already refused by the locator validation, as in the editor', async () => {
	await expect(runBirdNode({ ...get, conversationId: locator('not-a-uuid') })).rejects.toThrow(
		/Not a valid conversation ID/,
	);
});

describe('continue on fail', () => {
	it('keeps going: each failed item carries its own error, the others their result', async () => {
		const second = 'b1a2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
		nock(TEST_BASE_URL)
			.get(ONE)
			.reply(200, conversation)
			.get(`${WORKSPACE_PATH}/conversations/${second}`)
			.reply(404, { code: 'ResourceNotFound', message: 'gone' });
		const result = await runBirdNode(
			{ ...get, conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ items: [{ id: CONVERSATION_ID }, { id: 'broken' }, { id: second }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(result.json[0]).toEqual(conversation);
		expect(String(result.json[1].error)).toMatch(/Conversation.*broken/);
		expect(String(result.json[2].error)).toContain(
			`The conversation "${second}" was not found (404)`,
		);
	});

	it('without it, the first failure stops the node', async () => {
		const result = await runBirdNode(
			{ ...get, conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ items: [{ id: 'broken' }] },
		);
		expect(result.error?.message).toMatch(/broken/);
		expect(result.items).toEqual([]);
	});
});
