import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { triggerDescription } from './description';
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
	description: INodeTypeDescription = triggerDescription;

	webhookMethods = { default: webhookLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
