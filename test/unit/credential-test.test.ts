import nock from 'nock';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { BirdConversationsApi } from '../../credentials/BirdConversationsApi.credentials';
import { BirdConversations } from '../../nodes/BirdConversations/BirdConversations.node';
import { BASE_URL_EXPRESSION, WORKSPACE_SEGMENT_EXPRESSION } from '../../nodes/shared/transport';
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
} from '../harness';

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
		properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credential.test.request } }],
	};
	delete copy.requestOperations;
	return { description: copy };
}

async function runCredentialTest(credentials: Partial<BirdTestCredentials> & Record<string, unknown>) {
	const values: Record<string, unknown> = { ...birdCredentials(), ...credentials };
	for (const [key, value] of Object.entries(values)) if (value === undefined) delete values[key];
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 't', name: 'Trigger', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
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
		{ credentials: { [BIRD_CREDENTIAL_TYPE]: values as never }, nodeTypes: sourceNodeTypes({ [TESTER_TYPE]: credentialTesterNode }) },
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
	])('falls back to https://api.bird.com when the Base URL is %s, like the nodes do', async (_title, baseUrl) => {
		listOne();
		const result = await runCredentialTest({ baseUrl });
		expect(unmatched).toEqual([]);
		expect(result.error).toBeUndefined();
	});

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
		expect(credential.test.request.url).toBe(`=/workspaces/${WORKSPACE_SEGMENT_EXPRESSION}/conversations`);
		expect(new BirdConversations().description.requestDefaults?.baseURL).toBe(`=${BASE_URL_EXPRESSION}`);
	});
});
