import { randomUUID } from 'node:crypto';

import type { WorkflowJson, WorkflowNode } from '../../scripts/lib/workflows';
import { DEMO } from '../../sandbox/seed';
import { FLOOR_ACTION, FLOOR_TRIGGER } from './floor';

/**
 * The workflows each scenario compares. The Bird node and its do-it-yourself rival sit under the same
 * node name in otherwise identical workflows, so their own times can be read from n8n's run data side by
 * side. The rivals are set up the way the n8n docs teach: HTTP Request with Header Auth and its built-in
 * pagination, and a Webhook node answering immediately. The floor contenders (bench/floor) are the least
 * a community package can do for the same work: the yardstick the Bird nodes' targets are set against.
 */

const node = (
	name: string,
	type: string,
	typeVersion: number,
	position: [number, number],
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position,
	parameters,
	...extra,
});

const chain = (names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);

const workflow = (name: string, nodes: WorkflowNode[]): WorkflowJson => ({
	name,
	nodes,
	connections: chain(nodes.map((n) => n.name)),
	settings: { executionOrder: 'v1' },
});

const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {});

/** 1,000 (or `count`) items { conversationId, text }, round-robin over the given conversations. */
function sendItems(conversationIds: string[], count: number): WorkflowNode[] {
	const expression = `={{ Array.from({ length: ${count} }, (_, i) => ({ conversationId: ${JSON.stringify(conversationIds)}[i % ${conversationIds.length}], text: 'Benchmark message ' + (i + 1) })) }}`;
	return [
		node('Items', 'n8n-nodes-base.set', 3.4, [200, 0], {
			mode: 'manual',
			assignments: {
				assignments: [{ id: 'items', name: 'items', value: expression, type: 'array' }],
			},
			options: {},
		}),
		node('Split', 'n8n-nodes-base.splitOut', 1, [400, 0], {
			fieldToSplitOut: 'items',
			include: 'noOtherFields',
			options: {},
		}),
	];
}

/** Scenario 1, Bird node: Message → Send (text) per item. */
export function birdSendWorkflow(conversationIds: string[], count: number): WorkflowJson {
	return workflow('bench: Bird node sends', [
		start(),
		...sendItems(conversationIds, count),
		node('Send', 'n8n-nodes-bird-conversations.birdConversations', 1, [600, 0], {
			resource: 'message',
			operation: 'send',
			conversationId: { __rl: true, mode: 'id', value: '={{ $json.conversationId }}' },
			senderType: 'accessKey',
			senderId: DEMO.accessKey.id,
			messageType: 'text',
			text: '={{ $json.text }}',
		}),
	]);
}

/** Scenario 1, HTTP Request node: the same POST with the same body as the Bird node sends. */
export function httpSendWorkflow(
	conversationIds: string[],
	count: number,
	baseUrl: string,
): WorkflowJson {
	return workflow('bench: HTTP Request sends', [
		start(),
		...sendItems(conversationIds, count),
		node('Send', 'n8n-nodes-base.httpRequest', 4.2, [600, 0], {
			method: 'POST',
			url: `=${baseUrl}/workspaces/${DEMO.workspaceId}/conversations/{{ $json.conversationId }}/messages`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ participantType: 'accessKey', participantId: '${DEMO.accessKey.id}', addMissingParticipants: true, body: { type: 'text', text: { text: $json.text } } }) }}`,
			options: {},
		}),
	]);
}

/**
 * The floor action's fixed parameters: the sandbox and the demo key as plain strings (no credential, so
 * not even a credential read), the same two expressions per item as the Bird node's Send.
 */
const floorParameters = (baseUrl: string) => ({
	baseUrl,
	workspaceId: DEMO.workspaceId,
	accessKey: DEMO.accessKey.secret,
	senderId: DEMO.accessKey.id,
});

/** Scenario 1, floor: one httpRequest per item, 10 in flight (the Bird node's default concurrency). */
export function floorSendWorkflow(
	conversationIds: string[],
	count: number,
	baseUrl: string,
): WorkflowJson {
	return workflow('bench: floor node sends', [
		start(),
		...sendItems(conversationIds, count),
		node('Send', FLOOR_ACTION, 1, [600, 0], {
			operation: 'send',
			...floorParameters(baseUrl),
			conversationId: '={{ $json.conversationId }}',
			text: '={{ $json.text }}',
		}),
	]);
}

/** Scenario 2, floor: one httpRequest per page of 100, conversations as items. */
export function floorListWorkflow(baseUrl: string): WorkflowJson {
	return workflow('bench: floor node lists', [
		start(),
		node('List', FLOOR_ACTION, 1, [200, 0], { operation: 'list', ...floorParameters(baseUrl) }),
	]);
}

/** Scenario 2, Bird node: Conversation → Get Many, Return All. */
export function birdListWorkflow(): WorkflowJson {
	return workflow('bench: Bird node lists', [
		start(),
		node('List', 'n8n-nodes-bird-conversations.birdConversations', 1, [200, 0], {
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
		}),
	]);
}

/**
 * Scenario 2, HTTP Request node with its pagination ("Update a Parameter in Each Request": pageToken from
 * the previous answer, complete when there is none), then Split Out to turn pages into conversations.
 */
export function httpListWorkflow(baseUrl: string): WorkflowJson {
	return workflow('bench: HTTP Request lists', [
		start(),
		node('List', 'n8n-nodes-base.httpRequest', 4.2, [200, 0], {
			method: 'GET',
			url: `${baseUrl}/workspaces/${DEMO.workspaceId}/conversations`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [
								{ type: 'qs', name: 'pageToken', value: '={{ $response.body.nextPageToken }}' },
							],
						},
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.nextPageToken }}',
						limitPagesFetched: false,
						requestInterval: 0,
					},
				},
			},
		}),
		node('Items', 'n8n-nodes-base.splitOut', 1, [400, 0], {
			fieldToSplitOut: 'results',
			include: 'noOtherFields',
			options: {},
		}),
	]);
}

/**
 * Scenario 3, Bird Conversations Trigger on incoming WhatsApp messages of the demo channel. With
 * `resolveConversation` (the node's default) each delivery also looks its conversation up (one API call);
 * without it the node does what the floor trigger does plus verification, dedupe and shaping.
 */
export function birdTriggerWorkflow(webhookId: string, resolveConversation: boolean): WorkflowJson {
	return workflow(`bench: Bird trigger${resolveConversation ? ', Resolve Conversation' : ''}`, [
		node(
			'Receive',
			'n8n-nodes-bird-conversations.birdConversationsTrigger',
			1,
			[0, 0],
			{
				events: ['message.inbound'],
				platform: 'whatsapp',
				channelId: DEMO.channels.whatsapp,
				resolveConversation,
				options: {},
			},
			{ webhookId },
		),
	]);
}

/** Scenario 3, Webhook node answering at once; its subscription is made by hand, as a DIY user would. */
export function webhookWorkflow(path: string): WorkflowJson {
	return workflow('bench: Webhook node', [
		node(
			'Receive',
			'n8n-nodes-base.webhook',
			2,
			[0, 0],
			{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			{ webhookId: path },
		),
	]);
}

/** Scenario 3, floor trigger: the body unverified; its subscription is made by hand, like the Webhook node's. */
export function floorTriggerWorkflow(webhookId: string): WorkflowJson {
	return workflow('bench: floor trigger', [
		node('Receive', FLOOR_TRIGGER, 1, [0, 0], {}, { webhookId }),
	]);
}
