import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { birdApiRequest, getBirdCredentials, workspaceSegment } from '../shared/transport';
import { EVENT_OPTIONS, PLATFORM_OPTIONS, subscriptionSpecs } from './events';
import { directionOf, senderOf, simplifyEvent } from './output';
import type { Registration, RegistrationMode, TriggerStaticData } from './registrations';
import {
	baseUrlOf,
	checkRegistration,
	createSubscriptions,
	deleteSubscriptions,
	removeOrphans,
	removeStaleProductionRegistrations,
	subscriptionsPath,
} from './registrations';
import { verifyBirdSignature } from './verifySignature';
import { webhookUrlProblem } from './webhookUrl';

/**
 * Redeliveries already answered, per workflow node: Bird retries deliveries (and may send one twice), and
 * each must start at most one run. Kept in memory of the process that receives webhooks; bounded.
 */
const recentDeliveries = new Map<string, string[]>();
const RECENT_LIMIT = 1000;

function alreadySeen(key: string, requestId: string): boolean {
	const list = recentDeliveries.get(key) ?? [];
	if (list.includes(requestId)) return true;
	list.push(requestId);
	if (list.length > RECENT_LIMIT) list.splice(0, list.length - RECENT_LIMIT);
	recentDeliveries.set(key, list);
	return false;
}

function forget(key: string, requestId: string): void {
	const list = recentDeliveries.get(key);
	const index = list?.indexOf(requestId) ?? -1;
	if (list && index >= 0) list.splice(index, 1);
}

/** The parts of n8n's Express response that tell whether n8n acknowledged the delivery. */
type ClosableResponse = { once?: (event: 'close', listener: () => void) => unknown; statusCode?: number; writableEnded?: boolean };

/**
 * A delivery counts as received only once n8n has acknowledged it. webhook() runs before n8n starts the
 * execution, and starting it can still fail (measured under a burst: n8n's SQLite write lock timed out
 * and n8n answered 500). Bird then retries with the same request ID, and that retry must run, or the
 * event is lost. So the ID is forgotten again unless n8n ended the response with a 2xx, which in
 * onReceived mode it sends only after the execution has started.
 */
function forgetUnlessAcknowledged(response: ClosableResponse, key: string, requestId: string): void {
	if (typeof response.once !== 'function') return;
	response.once('close', () => {
		const status = Number(response.statusCode ?? 0);
		if (!(response.writableEnded === true && status >= 200 && status < 300)) forget(key, requestId);
	});
}

function registrationsOf(context: IHookFunctions | IWebhookFunctions): Record<string, Registration> {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	staticData.registrations = staticData.registrations ?? {};
	return staticData.registrations;
}

/**
 * Read-only view for webhook(): any change to static data there makes n8n save the whole static data
 * after the delivery, which could overwrite signing keys written by a re-activation running meanwhile.
 */
function storedRegistrations(context: IWebhookFunctions): Registration[] {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	return Object.values(staticData.registrations ?? {});
}

function wantedSpecs(context: IHookFunctions) {
	const events = context.getNodeParameter('events', []) as string[];
	const platform = context.getNodeParameter('platform', 'whatsapp') as string;
	const channelId = context.getNodeParameter('channelId', '') as string;
	return subscriptionSpecs(events, platform, channelId);
}

/**
 * Whether n8n is registering or removing the test URL ("Listen for test event") or the production URL.
 * The execution mode cannot tell at removal: n8n tears down both the test webhook and an active
 * workflow's webhooks in mode 'internal'. The webhook n8n hands the hook context carries `isTest`
 * (it is what picks the test URL), but n8n-core offers no accessor for it, so it is read here and the
 * mode ('manual' for a test registration) is only the fallback.
 */
function isTestWebhook(context: IHookFunctions): boolean {
	const webhookData = (context as unknown as { webhookData?: { isTest?: unknown } }).webhookData;
	if (typeof webhookData?.isTest === 'boolean') return webhookData.isTest;
	return context.getMode() === 'manual';
}

function registrationMode(context: IHookFunctions): RegistrationMode {
	return isTestWebhook(context) ? 'test' : 'production';
}

function reject(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

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
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Bird delivers only to public https:// URLs. Each event is one Bird subscription and every delivery is one execution.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['conversation.created'],
				options: EVENT_OPTIONS,
				description: 'Which Bird events start the workflow',
			},
			{
				displayName: 'Platform',
				name: 'platform',
				type: 'options',
				default: 'whatsapp',
				options: PLATFORM_OPTIONS,
				description: 'The channel platform of the message events',
				displayOptions: { show: { events: ['message.inbound', 'message.outbound'] } },
			},
			{
				displayName: 'Channel ID',
				name: 'channelId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 199f0353-fcb8-41b2-afd6-614c6baf3850',
				description: 'Only events of this channel. Leave empty for every channel.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Last Message',
						name: 'fetchLastMessage',
						type: 'boolean',
						default: false,
						description: 'Whether to fetch the whole last message (with its body) for conversation events, which carry only a preview. Costs one API call per delivery.',
					},
					{
						displayName: 'Ignore Messages From Access Keys',
						name: 'ignoreOwnMessages',
						type: 'boolean',
						default: false,
						description: 'Whether to skip deliveries about messages sent by an access key, such as this workflow’s own replies (avoids reply loops)',
					},
					{
						displayName: 'Ignored Access Key ID',
						name: 'ownAccessKeyId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 68b80b8d-8060-42df-bda3-73505a8fdb84',
						description: 'With "Ignore Messages From Access Keys": skip only messages of this access key (its ID, not its secret, as shown in Bird under Access keys). Leave empty to skip every access key.',
					},
					{
						displayName: 'Max Delivery Age (Hours)',
						name: 'maxAgeHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 24,
						description: 'Reject deliveries signed longer ago than this. Bird retries for hours and keeps the first timestamp, so keep it generous.',
					},
					{
						displayName: 'Only Incoming',
						name: 'onlyIncoming',
						type: 'boolean',
						default: false,
						description: 'Whether to start the workflow only when the message is incoming (from a contact)',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: false,
						description: 'Whether to return a flat view: conversation, channel, status, contact, last message and direction',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const registrations = registrationsOf(this);
				const registration = registrations[url];
				if (!registration) return false;
				const path = await subscriptionsPath(this);
				const state = await checkRegistration(this, path, registration, wantedSpecs(this));
				if (state === 'missing') {
					// Rebuild from scratch: remove whatever is left so nothing is duplicated.
					await deleteSubscriptions(this, path, registration.subscriptions);
					delete registrations[url];
					return false;
				}
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const specs = wantedSpecs(this);
				if (specs.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Events: choose at least one event', { description: 'Pick the Bird events that should start this workflow.' });
				}
				const path = await subscriptionsPath(this);
				const problem = webhookUrlProblem(url, await baseUrlOf(this));
				if (problem) throw new NodeOperationError(this.getNode(), 'n8n webhook URL not accepted by Bird', { description: problem });
				const mode = registrationMode(this);
				if (mode === 'production') await removeStaleProductionRegistrations(this, path, registrationsOf(this), url);
				// Subscriptions for this URL that static data no longer knows would only produce 401s.
				await removeOrphans(this, path, url, []);
				const subscriptions = await createSubscriptions(this, path, url, specs);
				registrationsOf(this)[url] = { url, mode, subscriptions };
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const registrations = registrationsOf(this);
				const registration = registrations[url];
				// What create recorded for this URL wins: removing the test URL must never clean up production.
				const mode = registration?.mode ?? registrationMode(this);
				const stale = Object.entries(registrations).some(([other, r]) => other !== url && r.mode === 'production');
				if (!registration && !(mode === 'production' && stale)) return true;
				const path = await subscriptionsPath(this);
				if (mode === 'production') await removeStaleProductionRegistrations(this, path, registrations, url);
				if (!registration) return true;
				const failed = await deleteSubscriptions(this, path, registration.subscriptions);
				if (failed.length) {
					// Keep what could not be removed, so the next attempt (n8n retries) can still delete it.
					registration.subscriptions = failed;
					return false;
				}
				delete registrations[url];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
		const headers = this.getHeaderData() as Record<string, string | undefined>;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? ''));

		let envelope: IDataObject;
		try {
			envelope = JSON.parse(rawBody.toString('utf8')) as IDataObject;
		} catch {
			return reject(this, 400, 'Body is not JSON');
		}
		if (!envelope || typeof envelope !== 'object' || typeof envelope.event !== 'string' || typeof envelope.service !== 'string') {
			return reject(this, 400, 'Body is not a Bird notification ({service, event, payload})');
		}

		// The delivery must verify against a subscription this node made for that event. Both the test and
		// the production registration are tried: n8n may report either URL inside a webhook call.
		const registrations = storedRegistrations(this);
		const candidates = registrations.flatMap((registration) =>
			registration.subscriptions.filter((s) => s.event === envelope.event && s.service === envelope.service).map((s) => ({ url: registration.url, subscription: s })),
		);
		if (candidates.length === 0) return reject(this, 401, 'Unknown event for this trigger');
		const maxAgeSeconds = Math.max(1, Number(options.maxAgeHours ?? 24)) * 3600;
		const results = candidates.map(({ url, subscription }) =>
			verifyBirdSignature({
				rawBody,
				url,
				signatureHeader: headers['messagebird-signature'],
				timestampHeader: headers['messagebird-request-timestamp'],
				signingKey: subscription.signingKey,
				maxAgeSeconds,
			}),
		);
		if (!results.some((r) => r.valid)) {
			const reason = results.find((r) => !r.valid && r.reason !== 'mismatch') ?? results[0];
			return reject(this, 401, `Signature check failed (${(reason as { reason: string }).reason})`);
		}

		const requestId = headers['messagebird-request-id'] ?? '';
		const node = this.getNode();
		const seenKey = `${this.getWorkflow().id ?? ''}:${node.id}`;
		if (requestId && alreadySeen(seenKey, requestId)) {
			this.getResponseObject().status(200).json({ message: 'Already received' });
			return { noWebhookResponse: true };
		}
		if (requestId) forgetUnlessAcknowledged(this.getResponseObject() as unknown as ClosableResponse, seenKey, requestId);

		const service = envelope.service;
		const payload = (envelope.payload ?? {}) as IDataObject;
		const sender = senderOf(service, payload);
		const ownKeyId = String(options.ownAccessKeyId ?? '').trim();
		if (options.ignoreOwnMessages === true && sender.type === 'accessKey' && (!ownKeyId || sender.id === ownKeyId)) {
			return { webhookResponse: 'Ignored (sent by an access key)' };
		}
		if (options.onlyIncoming === true && directionOf(service, payload) !== 'incoming') return { webhookResponse: 'Ignored (not incoming)' };

		const item: IDataObject = {
			event: envelope.event,
			service,
			payload,
			deliveryId: requestId || undefined,
			deliveryTimestamp: headers['messagebird-request-timestamp'],
		};
		if (options.fetchLastMessage === true && service === 'conversations') {
			const lastId = (payload.lastMessage as IDataObject | undefined)?.id;
			if (lastId) {
				// Bird waits for this answer, so one retry at most. A failure does not drop the event: the
				// item carries the reason instead of the message (a thrown error would answer 500 and make
				// Bird redeliver an event whose ID is already marked as received).
				try {
					const { workspaceId } = await getBirdCredentials.call(this);
					item.lastMessage = await birdApiRequest.call(this, 'GET', `/workspaces/${workspaceSegment(workspaceId)}/conversations/${String(payload.id)}/messages/${String(lastId)}`, {
						resourceLabel: 'message',
						resourceId: String(lastId),
						maxRetries: 1,
					});
				} catch (error) {
					const failure = error as { message?: string; description?: string; httpCode?: string };
					item.lastMessageError = { message: failure.message ?? 'Request failed', description: failure.description ?? undefined, httpCode: failure.httpCode ?? undefined };
				}
			}
		}
		const fetched: IDataObject = {};
		if (item.lastMessage) fetched.lastMessage = item.lastMessage;
		if (item.lastMessageError) fetched.lastMessageError = item.lastMessageError;
		const json = options.simplify === true ? { ...simplifyEvent(envelope.event, service, payload), deliveryId: item.deliveryId, ...fetched } : item;
		const output: INodeExecutionData[] = [{ json }];
		return { workflowData: [output] };
	}
}
