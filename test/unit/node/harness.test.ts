import nock from 'nock';
import type { INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	BIRD_CREDENTIAL_TYPE,
	BIRD_NODE_TYPE,
	birdCredentials,
	birdWorkflow,
	DEMO_IDS,
	guardNock,
	loadSourceCredentialTypes,
	MANUAL_TRIGGER_TYPE,
	runWorkflow,
	sourceNodeTypes,
	TEST_ACCESS_KEY,
	TestCredentialsHelper,
} from '../../harness';

/** A minimal declarative node, so the harness itself is tested independently of our real node. */
class EchoNode implements INodeType {
	description = {
		displayName: 'Echo',
		name: 'echo',
		group: ['transform'],
		version: 1,
		description: 'harness self-test',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: BIRD_CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl}}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/x',
				routing: { request: { method: 'GET', url: '={{$value}}' } },
			},
		],
	} as unknown as INodeType['description'];
}

const workflow = (onError?: 'continueRegularOutput') => ({
	nodes: [
		{
			id: '1',
			name: 'Trigger',
			type: MANUAL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		},
		{
			id: '2',
			name: 'Echo',
			type: 'test.echo',
			typeVersion: 1,
			position: [200, 0] as [number, number],
			parameters: { path: '/echo' },
			credentials: { [BIRD_CREDENTIAL_TYPE]: { id: 'c', name: 'c' } },
			...(onError ? { onError } : {}),
		},
	],
	connections: { Trigger: { main: [[{ node: 'Echo', type: 'main' as const, index: 0 }]] } },
});

describe('test harness', () => {
	guardNock();

	const nodeTypes = sourceNodeTypes({ 'test.echo': () => new EchoNode() });
	const credentials = { [BIRD_CREDENTIAL_TYPE]: { ...birdCredentials() } };

	it('runs a workflow through WorkflowExecute and applies the credential authenticate block', async () => {
		const scope = nock('https://api.bird.com', {
			reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` },
		})
			.get('/echo')
			.reply(200, { hello: 'world' });
		const result = await runWorkflow(workflow(), { nodeTypes, credentials });
		expect(result.error).toBeUndefined();
		expect(result.nodes.Trigger.json).toEqual([{}]);
		expect(result.nodes.Echo.json).toEqual([{ hello: 'world' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('reports a node error, and keeps it on the item under continue-on-fail', async () => {
		nock('https://api.bird.com').get('/echo').times(2).reply(500, { code: 'Boom' });
		const failed = await runWorkflow(workflow(), { nodeTypes, credentials });
		expect(failed.nodes.Echo.error).toBeDefined();
		expect(failed.error).toBeDefined();

		const continued = await runWorkflow(workflow('continueRegularOutput'), {
			nodeTypes,
			credentials,
		});
		expect(continued.error).toBeUndefined();
		expect(continued.nodes.Echo.items).toHaveLength(1);
		expect(continued.nodes.Echo.json[0].error).toEqual(expect.any(String));
	});
});

describe('test harness with the Bird node', () => {
	guardNock();

	it('chains nodes: a second Bird node reads the conversation the first one created, via an expression', async () => {
		const id = '67e4d358-ca94-421e-98b7-448860df9d33';
		const path = `/workspaces/${DEMO_IDS.workspaceId}/conversations`;
		nock('https://api.bird.com')
			.post(path)
			.reply(201, { id, name: 'Chained' })
			.get(`${path}/${id}`)
			.reply(200, { id, name: 'Chained', status: 'active' });
		const workflow = birdWorkflow(
			{
				resource: 'conversation',
				operation: 'create',
				name: 'Chained',
				channelId: DEMO_IDS.channels.sms,
			},
			{
				after: [
					{
						id: 'n-get',
						name: 'Get It',
						type: BIRD_NODE_TYPE,
						typeVersion: 1,
						position: [600, 0],
						parameters: {
							resource: 'conversation',
							operation: 'get',
							conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						},
						credentials: { [BIRD_CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Bird test' } },
					},
				],
			},
		);
		const result = await runWorkflow(workflow, {
			credentials: { [BIRD_CREDENTIAL_TYPE]: { ...birdCredentials() } },
		});
		expect(result.error).toBeUndefined();
		expect(result.nodes.Bird.json).toEqual([{ id, name: 'Chained' }]);
		expect(result.nodes['Get It'].json).toEqual([{ id, name: 'Chained', status: 'active' }]);
	});

	it('the credentials helper allows our credential for our nodes (no restrictToSupportedNodes)', () => {
		const helper = new TestCredentialsHelper(loadSourceCredentialTypes(), {});
		expect(helper.isCredentialUsableByNode(BIRD_CREDENTIAL_TYPE, BIRD_NODE_TYPE)).toBe(true);
		expect(helper.getCredentialsProperties(BIRD_CREDENTIAL_TYPE).map((p) => p.name)).toEqual([
			'accessKey',
			'workspaceId',
			'organizationId',
			'baseUrl',
		]);
	});
});
