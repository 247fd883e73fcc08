import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchConversations } from '../BirdConversations/listSearch/searchConversations';
import { showFor } from '../BirdConversations/descriptions/common';
import { sendAndWaitFields } from './description';
import { sendAndWait } from './execute';
import { sendAndWaitWebhook } from './webhook';
import { sendAndWaitWebhooks } from './webhooks';

/**
 * Bird Conversations Send and Wait: Message → Send and Wait for Response, a node of its own. It sends a message
 * with response links into a Bird conversation and pauses the execution until the responder answers through
 * n8n's waiting webhook (or Limit Wait Time passes).
 *
 * Why not an operation of the Bird Conversations node: n8n resumes a waiting execution by calling `webhook()` of
 * the waiting node's type, and n8n-core 2.41 gives a node type that has `webhook()` but no `execute()` no input
 * items for its declarative (routed) operations (WorkflowExecute.prepareConnectionInputData), which would break
 * `$json` in every other Bird operation. So this node is programmatic (execute + webhook), like n8n's own
 * send-and-wait nodes, and reuses the Bird node's fields, body checks and request path.
 *
 * The parts: description.ts (fields), execute.ts (send, then wait), webhooks.ts and webhook.ts (the waiting
 * webhook), message.ts (message and links), page.ts (the responder's pages), formFields.ts and settings.ts
 * (the response form), waitTill.ts (Limit Wait Time).
 */
export class BirdConversationsSendAndWait implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bird Conversations Send and Wait',
		name: 'birdConversationsSendAndWait',
		icon: { light: 'file:../../icons/bird.svg', dark: 'file:../../icons/bird.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Send and wait: " + $parameter["responseType"]}}',
		description:
			'Send a message into a Bird conversation and wait for the response: an approval or a form',
		defaults: { name: 'Bird Conversations Send and Wait' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'birdConversationsApi', required: true }],
		webhooks: sendAndWaitWebhooks,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'message',
				options: [{ name: 'Message', value: 'message' }],
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				// n8n-workflow's SEND_AND_WAIT_OPERATION, written out: n8n core recognises the operation by this value.
				default: 'sendAndWait',
				options: [
					{
						name: 'Send and Wait for Response',
						value: 'sendAndWait',
						description:
							'Send a message with approve/decline links or a link to a form into a conversation, then pause the workflow until the responder answers (or Limit Wait Time passes)',
						action: 'Send a message and wait for response',
					},
				],
			},
			...sendAndWaitFields(showFor('message')('sendAndWait')),
		],
	};

	methods = {
		listSearch: { searchConversations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendAndWait.call(this);
	}

	// Called by n8n when a response link is opened or the response form is submitted.
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
