/**
 * n8n 1.x: a smoke on the newest 1.123.x (scripts/n8n-versions.json `compat`, installed on first use by
 * scripts/ensure-n8n.sh compat) with the package installed the way n8n's installer does: it loads, the
 * credential test passes and fails as on 2.x, one operation per resource runs (Conversation → Get, the
 * one that once failed with "Workspace '' does not exist"), a 404 about the workspace names the
 * workspace, and the trigger goes through activate → signed delivery → execution → deactivate.
 */
import { executionErrors, nodeOutput } from '../../scripts/lib/n8n';
import type { WorkflowJson } from '../../scripts/lib/workflows';
import { birdDocsExample } from '../harness/fixtures';
import { DEMO, eventually, startE2eStack, type E2eStack } from '../harness/e2e';
import { loadedTypes, OUR_NODE_TYPES_N8N1 } from './install-checks';
import { byId, chain } from '../harness/operation-workflows';

jest.setTimeout(300_000);

const WEBHOOK_ID = '5b0e7c1d-2a3f-4e6b-9c8d-7f1a2b3c4d5e';
const triggerWorkflow: WorkflowJson = {
	name: 'n8n 1.x trigger',
	nodes: [
		{
			id: 'c0ffee00-0000-4000-8000-000000000001',
			name: 'Bird Trigger',
			type: 'n8n-nodes-bird-conversations.birdConversationsTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events: ['message.inbound'], platform: 'whatsapp', channelId: '', options: {} },
		},
	],
	connections: {},
};

const onePerResource = chain('n8n 1.x: one operation per resource', [
	[
		'Get Conversation',
		{
			resource: 'conversation',
			operation: 'get',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
		},
	],
	[
		'Send Message',
		{
			resource: 'message',
			operation: 'send',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
			senderType: 'accessKey',
			senderId: DEMO.accessKey.id,
			messageType: 'text',
			text: 'Sent from n8n 1.x',
		},
	],
	[
		'List Participants',
		{
			resource: 'participant',
			operation: 'getAll',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
			returnAll: true,
		},
	],
]);

describe('n8n 1.123.x (compat line)', () => {
	let stack: E2eStack;

	beforeAll(async () => {
		stack = await startE2eStack({ n8n: { line: 'compat' } });
	});
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack?.n8n.logTail(40));
	});

	it('runs n8n 1.123 and loads the three nodes, the Tool variants and the credential', async () => {
		expect(stack.n8n.runtime.version).toMatch(/^1\.123\./);
		const types = await loadedTypes(stack.n8n);
		expect(types.ours).toEqual(OUR_NODE_TYPES_N8N1);
		expect(types.credential).toBe(true);
	});

	it('the credential test passes for the demo key and fails for a wrong one', async () => {
		expect(await stack.n8n.client.testCredential(stack.credential.id)).toMatchObject({
			status: 'OK',
		});
		const bad = await stack.n8n.client.createCredential({
			name: 'wrong key',
			type: 'birdConversationsApi',
			data: {
				accessKey: 'wrong-secret-123',
				workspaceId: DEMO.workspaceId,
				baseUrl: stack.sandbox.url,
			},
		});
		const result = await stack.n8n.client.testCredential(bad.id);
		expect(result.status).toBe('Error');
		// n8n 1.123 does not apply the credential test's responseCode rules to an HTTP error (its error has no
		// `cause.response`), so it shows its own text instead of ours (README, Supported n8n versions).
		expect(result.message).toBe('Authorization failed - please check your credentials');
		expect(result.message).not.toContain('wrong-secret-123');
	});

	it('one operation per resource runs: Conversation → Get, Message → Send, Participant → Get Many', async () => {
		const id = await stack.importWorkflow(onePerResource);
		const execution = await stack.n8n.client.runWorkflow(id, 'Start');
		expect(executionErrors(execution)).toEqual([]);
		expect(nodeOutput(execution, 'Get Conversation')[0]).toMatchObject({
			id: DEMO.conversations.johnWhatsapp,
		});
		const sent = nodeOutput(execution, 'Send Message')[0];
		const stored = stack.sandbox.context.store.data.messages.find((m) => m.id === sent.id);
		expect(stored).toMatchObject({
			conversationId: DEMO.conversations.johnWhatsapp,
			body: { text: { text: 'Sent from n8n 1.x' } },
		});
		expect(nodeOutput(execution, 'List Participants').map((p) => p.type)).toContain('contact');
	});

	it('a 404 about the workspace names the workspace, not the conversation', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const stored = await stack.n8n.client.createCredential({
			name: 'unknown workspace (1.x)',
			type: 'birdConversationsApi',
			data: { accessKey: DEMO.accessKey.secret, workspaceId: missing, baseUrl: stack.sandbox.url },
		});
		const workflow = chain('n8n 1.x: unknown workspace', [
			[
				'Get Conversation',
				{
					resource: 'conversation',
					operation: 'get',
					conversationId: byId(DEMO.conversations.johnWhatsapp),
				},
			],
		]);
		for (const node of workflow.nodes)
			if (node.name === 'Get Conversation')
				node.credentials = { birdConversationsApi: { id: stored.id, name: stored.name } };
		const created = await stack.n8n.client.createWorkflow(workflow);
		const execution = await stack.n8n.client.runWorkflow(created.id, 'Start');
		expect(executionErrors(execution).join('\n')).toContain(
			`Bird did not find the workspace "${missing}" (404)`,
		);
		expect(executionErrors(execution).join('\n')).not.toContain('The conversation');
	});

	it('the trigger: activation subscribes, a signed delivery starts an execution, deactivation unsubscribes', async () => {
		const id = await stack.importWorkflow(triggerWorkflow);
		const url = `${stack.n8n.url}webhook/${WEBHOOK_ID}/webhook`;
		const ours = () => stack.subscriptions().filter((s) => s.url === url);
		await stack.n8n.client.activateWorkflow(id);
		expect(ours().map((s) => `${s.service}/${s.event}`)).toEqual(['channels/whatsapp.inbound']);

		const payload = birdDocsExample('whatsapp-inbound');
		payload.channelId = DEMO.channels.whatsapp;
		payload.body = { type: 'text', text: { text: 'Delivered to n8n 1.x' } };
		const delivery = await stack.deliverAsBird({
			service: 'channels',
			event: 'whatsapp.inbound',
			payload,
		});
		expect(delivery.status).toBe(200);
		const [execution] = await eventually('one finished execution', async () => {
			const list = await stack.n8n.client.listExecutions(id);
			return list.length === 1 && list[0].stoppedAt ? list : undefined;
		});
		const full = await stack.n8n.client.getExecution(execution.id);
		expect(full.status).toBe('success');
		expect(nodeOutput(full, 'Bird Trigger')[0]).toMatchObject({
			event: 'whatsapp.inbound',
			payload: { body: { text: { text: 'Delivered to n8n 1.x' } } },
		});

		await stack.n8n.client.deactivateWorkflow(id);
		await eventually('the subscription to be removed', () => ours().length === 0);
	});
});
