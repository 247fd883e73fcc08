import nock from 'nock';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { BirdConversationsApi } from '../../../credentials/BirdConversationsApi.credentials';
import { BirdConversations } from '../../../nodes/BirdConversations/BirdConversations.node';
import { BASE_URL_EXPRESSION, WORKSPACE_SEGMENT_EXPRESSION } from '../../../nodes/shared/transport';
import {
	BIRD_CREDENTIAL_TYPE,
	birdCredentials,
	type BirdTestCredentials,
	DEMO_IDS,
	guardNock,
	MANUAL_TRIGGER_TYPE,
	runWorkflow,
	sourceNodeTypes,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../harness';

/**
 * The credential's **Test** request, resolved the way n8n's CredentialsTester does it: a copy of a node
 * that uses the credential, whose only property routes the credential's `test.request`, run by n8n-core's
 * RoutingNode with the decrypted credential as `$credentials`. So the test sees the URL n8n would call.
 */

const credential = new BirdConversationsApi();
const TESTER_TYPE = 'harness.credentialTest';

function credentialTesterNode(): INodeType {
	const { description } = new BirdConversations();
	const copy: INodeTypeDescription = {
		...description,
		name: 'credentialTest',
		credentials: [{ name: BIRD_CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Temp',
				name: 'temp',
				type: 'string',
				default: '',
				routing: { request: credential.test.request },
			},
		],
	};
	delete copy.requestOperations;
	return { description: copy };
}

async function runCredentialTest(
	credentials: Partial<BirdTestCredentials> & Record<string, unknown>,
) {
	const values: Record<string, unknown> = { ...birdCredentials(), ...credentials };
	for (const [key, value] of Object.entries(values)) if (value === undefined) delete values[key];
	const result = await runWorkflow(
		{
			nodes: [
				{
					id: 't',
					name: 'Trigger',
					type: MANUAL_TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'c',
					name: 'Credential test',
					type: TESTER_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
					credentials: { [BIRD_CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Bird test' } },
				},
			],
			connections: { Trigger: { main: [[{ node: 'Credential test', type: 'main', index: 0 }]] } },
		},
		{
			credentials: { [BIRD_CREDENTIAL_TYPE]: values as never },
			nodeTypes: sourceNodeTypes({ [TESTER_TYPE]: credentialTesterNode }),
		},
	);
	return result.nodes['Credential test'] ?? { error: result.error, json: [] };
}

const unmatched = guardNock();

const listOne = () =>
	nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } })
		.get(`${WORKSPACE_PATH}/conversations`)
		.query({ limit: '1' })
		.reply(200, { results: [] });

describe('credential Test request', () => {
	it.each([
		['empty', ''],
		['only whitespace', '  '],
		['missing from the stored credential', undefined],
	])(
		'falls back to https://api.bird.com when the Base URL is %s, like the nodes do',
		async (_title, baseUrl) => {
			listOne();
			const result = await runCredentialTest({ baseUrl });
			expect(unmatched).toEqual([]);
			expect(result.error).toBeUndefined();
		},
	);

	it('ignores a trailing slash on the Base URL', async () => {
		listOne();
		const result = await runCredentialTest({ baseUrl: 'https://api.bird.com//' });
		expect(result.error).toBeUndefined();
	});

	it('trims the Workspace ID, as every node request does', async () => {
		listOne();
		const result = await runCredentialTest({ workspaceId: `${DEMO_IDS.workspaceId}\n ` });
		expect(unmatched).toEqual([]);
		expect(result.error).toBeUndefined();
	});

	it('uses the same base URL and workspace expressions as the nodes (nodes/shared/transport.ts)', () => {
		expect(credential.test.request.baseURL).toBe(`=${BASE_URL_EXPRESSION}`);
		expect(credential.test.request.url).toBe(
			`=/workspaces/${WORKSPACE_SEGMENT_EXPRESSION}/conversations`,
		);
		expect(new BirdConversations().description.requestDefaults?.baseURL).toBe(
			`=${BASE_URL_EXPRESSION}`,
		);
	});
});

/**
 * What n8n shows for a failed Test: the message of the rule whose `responseCode` equals the answer's status
 * (n8n's packages/cli/src/services/credentials-tester.service.ts, rules checked in order).
 */
function testVerdict(error: unknown): string | undefined {
	const status = Number((error as { httpCode?: string } | undefined)?.httpCode);
	for (const rule of credential.test.rules ?? []) {
		if (rule.type === 'responseCode' && rule.properties.value === status)
			return rule.properties.message;
	}
	return undefined;
}

// n8n-core sends a request once more after a 401 (its preAuthentication retry in
// execution-engine/node-execution-context/utils/request-helpers/authentication.js), so a 401 is answered twice.
const answer = (status: number, body: object) =>
	nock(TEST_BASE_URL)
		.get(`${WORKSPACE_PATH}/conversations`)
		.query({ limit: '1' })
		.times(status === 401 ? 2 : 1)
		.reply(status, body);

// docs/bird-api.md §1.3: Bird does not document whether a wrong key gets 401 or 403; the Test must read right either way.
describe('credential Test verdicts under both readings of a wrong key', () => {
	it('reading "a wrong key gets 401": the verdict blames the Access Key', async () => {
		answer(401, { code: 'Unauthorized', message: 'Invalid access key' });
		const { error } = await runCredentialTest({ accessKey: 'wrong-key' });
		expect(testVerdict(error)).toBe(
			'Bird rejected the Access Key (401). Check that you pasted the whole secret (not the ID) of an active access key.',
		);
	});

	it('reading "a wrong key gets 403": the verdict names the Access Key as a cause and never calls it valid', async () => {
		answer(403, { code: 'Forbidden', message: 'Invalid access key' });
		const verdict = testVerdict((await runCredentialTest({ accessKey: 'wrong-key' })).error);
		expect(verdict).toMatch(/^Bird refused access with this Access Key \(403\)\./);
		expect(verdict).toContain('Bird does not document whether a wrong key gets 401 or 403');
		expect(verdict).toContain('Access Key holds the whole secret of an active key (not its ID)');
		expect(verdict).not.toMatch(/\bvalid\b/i);
	});

	it('reading "403 is a valid key without permission": the same verdict names the Workspace ID and the role', async () => {
		answer(403, {
			code: 'Forbidden',
			message: 'The caller is not allowed to access the resource.',
		});
		const verdict = testVerdict((await runCredentialTest({})).error);
		expect(verdict).toContain(
			'the key belongs to this Workspace ID and has a role that may read conversations, e.g. "Application Developer"',
		);
	});

	it('has a verdict for every status the test can hit (401, 403, 404, 422), in that order', () => {
		expect(
			credential.test.rules?.map((rule) =>
				rule.type === 'responseCode' ? rule.properties.value : rule.type,
			),
		).toEqual([401, 403, 404, 422]);
	});
});
