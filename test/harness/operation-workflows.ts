/**
 * One workflow per resource of the Bird Conversations node, chaining every operation of that resource
 * (Manual Trigger → op → op → ...). Later nodes take IDs from earlier ones with expressions, as users
 * wire them. Every Bird node runs once (`executeOnce`), because a declarative node runs per input item
 * and a Get Many upstream would otherwise multiply the calls.
 */
import type { WorkflowJson, WorkflowNode } from '../../scripts/lib/workflows';
import { DEMO } from './e2e';

const BIRD = 'n8n-nodes-bird-conversations.birdConversations';
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const idOf = (node: string) => `={{ $('${node}').first().json.id }}`;

export function chain(name: string, steps: Array<[string, Record<string, unknown>]>): WorkflowJson {
	const nodes: WorkflowNode[] = [
		{
			id: `${name}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, unknown> = {};
	let previous = 'Start';
	steps.forEach(([stepName, parameters], index) => {
		nodes.push({
			id: `${name}-${index}`,
			name: stepName,
			type: BIRD,
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			executeOnce: true,
			parameters,
		});
		connections[previous] = { main: [[{ node: stepName, type: 'main', index: 0 }]] };
		previous = stepName;
	});
	return { name, nodes, connections };
}

export const CUSTOMER = '+31600000061';
export const THROWAWAY_CUSTOMER = '+31600000062';

export const conversationWorkflow = chain('Conversation: every operation', [
	[
		'Create',
		{
			resource: 'conversation',
			operation: 'create',
			name: 'Order 777',
			channelId: DEMO.channels.whatsapp,
			participants: {
				participant: [
					{ kind: 'contactByIdentifier', identifierKey: 'phonenumber', identifierValue: CUSTOMER },
				],
			},
			initialMessageType: 'text',
			initialMessageText: 'Your order 777 has shipped.',
			additionalFields: { attributes: { attribute: [{ key: 'orderId', value: '777' }] } },
		},
	],
	['Get', { resource: 'conversation', operation: 'get', conversationId: byId(idOf('Create')) }],
	[
		'Update',
		{
			resource: 'conversation',
			operation: 'update',
			conversationId: byId(idOf('Create')),
			updateFields: {
				name: 'Order 777 (shipped)',
				description: 'Tracking sent',
				attributes: { attribute: [{ key: 'carrier', value: 'PostNL' }] },
			},
		},
	],
	[
		'Get Many',
		{ resource: 'conversation', operation: 'getAll', returnAll: true, options: { simplify: true } },
	],
	[
		'Get Many by Participant',
		{
			resource: 'conversation',
			operation: 'getManyByParticipant',
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: CUSTOMER,
			channelId: DEMO.channels.whatsapp,
			returnAll: true,
		},
	],
	[
		'Create Throwaway',
		{
			resource: 'conversation',
			operation: 'create',
			name: 'Wrong number',
			channelId: DEMO.channels.sms,
			participants: {
				participant: [
					{
						kind: 'contactByIdentifier',
						identifierKey: 'phonenumber',
						identifierValue: THROWAWAY_CUSTOMER,
					},
				],
			},
			initialMessageType: 'none',
		},
	],
	[
		'Delete',
		{
			resource: 'conversation',
			operation: 'delete',
			conversationId: byId(idOf('Create Throwaway')),
		},
	],
]);

const send = (extra: Record<string, unknown>) => ({
	resource: 'message',
	operation: 'send',
	conversationId: byId(DEMO.conversations.johnWhatsapp),
	senderType: 'accessKey',
	senderId: DEMO.accessKey.id,
	...extra,
});

export const messageWorkflow = chain('Message: every operation', [
	[
		'Send Text',
		send({
			messageType: 'text',
			text: 'We are looking into it.',
			additionalFields: { reference: 'e2e-ref-1' },
		}),
	],
	[
		'Save Draft',
		send({ messageType: 'text', text: 'draft, not sent yet', additionalFields: { draft: true } }),
	],
	[
		'Publish Draft',
		{
			resource: 'message',
			operation: 'update',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
			messageId: idOf('Save Draft'),
			publish: true,
			updateFields: { text: 'Your refund was approved.' },
		},
	],
	[
		'Get',
		{
			resource: 'message',
			operation: 'get',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
			messageId: idOf('Send Text'),
			options: { simplify: true },
		},
	],
	[
		'Get Many',
		{
			resource: 'message',
			operation: 'getAll',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
			returnAll: true,
		},
	],
	[
		'Send Location',
		send({
			messageType: 'location',
			latitude: 52.370216,
			longitude: 4.895168,
			address: 'Dam 1, Amsterdam',
			label: 'Our shop',
		}),
	],
	[
		'Delete',
		{
			resource: 'message',
			operation: 'delete',
			conversationId: byId(DEMO.conversations.johnWhatsapp),
			messageId: idOf('Send Location'),
		},
	],
]);

export const NEW_PARTICIPANT = 'sam.jones@example.com';

const onJane = { conversationId: byId(DEMO.conversations.janeEmail) };
export const participantWorkflow = chain('Participant: every operation', [
	[
		'Add Agent',
		{
			resource: 'participant',
			operation: 'add',
			...onJane,
			participantKind: 'user',
			memberId: DEMO.agentUserId,
		},
	],
	[
		'Add Contact',
		{
			resource: 'participant',
			operation: 'add',
			...onJane,
			participantKind: 'contactByIdentifier',
			identifierKey: 'emailaddress',
			identifierValue: NEW_PARTICIPANT,
			participantStatus: 'invited',
		},
	],
	[
		'Get',
		{
			resource: 'participant',
			operation: 'get',
			...onJane,
			lookupBy: 'identifier',
			identifierKey: 'emailaddress',
			identifierValue: NEW_PARTICIPANT,
		},
	],
	[
		'Update Status',
		{
			resource: 'participant',
			operation: 'update',
			...onJane,
			lookupBy: 'identifier',
			identifierKey: 'emailaddress',
			identifierValue: NEW_PARTICIPANT,
			status: 'active',
		},
	],
	['Get Many', { resource: 'participant', operation: 'getAll', ...onJane, returnAll: true }],
	[
		'Remove',
		{ resource: 'participant', operation: 'remove', ...onJane, participantId: DEMO.agentUserId },
	],
]);
