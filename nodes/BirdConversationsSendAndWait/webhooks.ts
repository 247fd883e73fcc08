import type { IWebhookDescription } from 'n8n-workflow';

/**
 * The waiting webhooks n8n calls when a response link is opened (GET: an approval, or the form) or a form is
 * submitted (POST). `restartWebhook` makes them resume a waiting execution at `{resumeUrl}/{nodeId}` (isFullPath,
 * path = the node's ID), where n8n checks the link's signature first. They are n8n's own endpoints: nothing is
 * registered with Bird, so the node has no webhookMethods (checkExists/create/delete) to go with them.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map(
	(httpMethod) => ({
		name: 'default',
		httpMethod,
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	}),
);
