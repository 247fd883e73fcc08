import type { IHookFunctions } from 'n8n-workflow';

/**
 * The one place that reads n8n state no public accessor offers; check it on every n8n upgrade.
 *
 * Whether n8n is registering or removing the test URL ("Listen for test event") or the production URL.
 * The execution mode cannot tell at removal: n8n 2.41 tears down both the test webhook and an active
 * workflow's webhooks in mode 'internal'. The webhook n8n hands the hook context carries `isTest` (it is
 * what picks the test URL), but n8n-core has no getter for it, so it is read from the context's private
 * `webhookData`; the mode ('manual' for a test registration) is only the fallback when that is absent.
 */
export function isTestWebhook(context: IHookFunctions): boolean {
	const webhookData = (context as unknown as { webhookData?: { isTest?: unknown } }).webhookData;
	if (typeof webhookData?.isTest === 'boolean') return webhookData.isTest;
	return context.getMode() === 'manual';
}
