import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ACKNOWLEDGE_RESPONSE_MODE, triggerProperties } from './description';
import { webhookLifecycle } from './lifecycle';
import { handleDelivery } from './webhook';

/**
 * Bird Conversations Trigger. The parts, each in its own module:
 * - description.ts: what the user sets;
 * - lifecycle.ts and registrations.ts: Bird webhook subscriptions made on activation, removed on deactivation;
 * - webhook.ts: one delivery (parse, verify, dedupe, filter, enrich, shape), with delivery.ts,
 *   verifySignature.ts, redelivery.ts, messageShape.ts and enrich.ts;
 * - n8nInternals.ts: the single read of n8n state that has no public accessor.
 */
export class BirdConversationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bird Conversations Trigger',
		name: 'birdConversationsTrigger',
		icon: { light: 'file:../../icons/bird.svg', dark: 'file:../../icons/bird.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Bird reports a conversation or message event',
		defaults: { name: 'Bird Conversations Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'birdConversationsApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: ACKNOWLEDGE_RESPONSE_MODE,
				// Bird ignores the body of its answer; n8n's default would echo the item (or the word
				// "firstEntryJson" when answering on receipt).
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = { default: webhookLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
