/**
 * The trigger workflow both lifecycle suites activate (test/e2e/trigger-lifecycle.test.ts in one n8n,
 * test/queue/trigger-lifecycle.test.ts in queue mode): the Bird trigger on two events, then a No Op named
 * "Done", and how the sandbox names the subscriptions it should make.
 */
import type { WorkflowJson } from '../../scripts/lib/workflows';

export const LIFECYCLE_EVENTS = ['conversation.created', 'message.inbound'];
/** The subscriptions LIFECYCLE_EVENTS make at Bird, as `service/event`, sorted (see subscriptionEvents). */
export const LIFECYCLE_BIRD_EVENTS = [
	'channels/whatsapp.inbound',
	'conversations/conversation.created',
];

export function lifecycleWorkflow(name: string, webhookId: string): WorkflowJson {
	return {
		name,
		nodes: [
			{
				id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a01',
				name: 'Bird Trigger',
				type: 'n8n-nodes-bird-conversations.birdConversationsTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: {
					events: LIFECYCLE_EVENTS,
					platform: 'whatsapp',
					channelId: '',
					options: {},
				},
			},
			{
				id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a02',
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { 'Bird Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

/** The sandbox subscriptions as `service/event`, sorted, to compare with LIFECYCLE_BIRD_EVENTS. */
export const subscriptionEvents = (subscriptions: Array<{ service: string; event: string }>) =>
	subscriptions.map((s) => `${s.service}/${s.event}`).sort();
