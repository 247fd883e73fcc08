import type { IDataObject } from 'n8n-workflow';

/** What the user picks in "Events", and the Bird subscription each one needs (docs/bird-api.md §5, §6.4, §7.3). */
export const EVENT_OPTIONS = [
	{
		name: 'Conversation Created',
		value: 'conversation.created',
		description: 'A conversation started, e.g. a customer wrote for the first time',
	},
	{
		name: 'Conversation Deleted',
		value: 'conversation.deleted',
		description: 'A conversation was deleted',
	},
	{
		name: 'Conversation Updated',
		value: 'conversation.updated',
		description:
			'Status, participants or attributes changed, or a new message arrived (noisy: one run per change)',
	},
	{
		name: 'Message Interaction',
		value: 'message.interaction',
		description:
			'A recipient interacted with a sent message: opened or clicked an e-mail, read it, reported it as spam… (Bird event e.g. whatsapp.interaction)',
	},
	{
		name: 'Message Received',
		value: 'message.inbound',
		description: 'A message arrived on a channel of the chosen platform (full body included)',
	},
	{
		name: 'Message Sent',
		value: 'message.outbound',
		description: 'A message was sent or changed status on a channel (one run per status update)',
	},
];

export const PLATFORM_OPTIONS = [
	'email',
	'facebook',
	'instagram',
	'line',
	'linkedin',
	'sms',
	'telegram',
	'tiktok',
	'viber',
	'whatsapp',
].map((p) => ({
	name: p === 'sms' ? 'SMS' : p === 'email' ? 'E-Mail' : p.charAt(0).toUpperCase() + p.slice(1),
	value: p,
}));

/** The statuses of a sent channel message (docs/bird-api.md §6.2), for the `messageStatus` filter. */
export const STATUS_OPTIONS = [
	{ name: 'Accepted', value: 'accepted' },
	{ name: 'Delivered', value: 'delivered' },
	{ name: 'Delivery Failed', value: 'delivery_failed' },
	{ name: 'Processing', value: 'processing' },
	{ name: 'Scheduled', value: 'scheduled' },
	{ name: 'Sending Failed', value: 'sending_failed' },
	{ name: 'Sent', value: 'sent' },
];

/** Bird's interaction types (docs/bird-api.md §6.3), for the `interactionType` filter. */
export const INTERACTION_OPTIONS = [
	'clicked',
	'conversion',
	'delete-request',
	'invalid',
	'opened',
	'reaction',
	'read',
	'reported-as-spam',
	'subscribe-consent',
	'subscribe-request',
	'unsubscribe-request',
].map((value) => ({
	name: value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, ' '),
	value,
}));

export interface SubscriptionSpec {
	service: 'conversations' | 'channels';
	event: string;
	eventFilters: Array<{ key: string; value: string }>;
}

export interface EventSelection {
	events: string[];
	platform: string;
	channelId: string;
	/** Message Sent: only these statuses (empty: every status). */
	statuses?: string[];
	/** Message Interaction: only these types (empty: every type). */
	interactionTypes?: string[];
}

/**
 * The Bird subscriptions a selection needs. Bird ties a subscription to one event, and ANDs its filters
 * (docs/bird-api.md §7.3), so "delivered or failed" takes one subscription per status, each with its
 * `messageStatus` filter; likewise one per interaction type.
 */
export function subscriptionSpecs(selection: EventSelection): SubscriptionSpec[] {
	const channel = selection.channelId.trim();
	const base = channel ? [{ key: 'channelId', value: channel }] : [];
	const perValue = (service: 'channels', event: string, key: string, values: string[] = []) =>
		values.length
			? [...new Set(values)].map((value) => ({
					service,
					event,
					eventFilters: [...base, { key, value }],
				}))
			: [{ service, event, eventFilters: base }];
	return selection.events.flatMap((event): SubscriptionSpec[] => {
		if (!event.startsWith('message.'))
			return [{ service: 'conversations', event, eventFilters: base }];
		const channelEvent = `${selection.platform}.${event.slice('message.'.length)}`;
		if (event === 'message.outbound')
			return perValue('channels', channelEvent, 'messageStatus', selection.statuses);
		if (event === 'message.interaction')
			return perValue('channels', channelEvent, 'interactionType', selection.interactionTypes);
		return [{ service: 'channels', event: channelEvent, eventFilters: base }];
	});
}

export function sameFilters(a: unknown, b: Array<{ key: string; value: string }>): boolean {
	const norm = (list: unknown) =>
		JSON.stringify(
			((Array.isArray(list) ? list : []) as IDataObject[])
				.map((f) => `${String(f.key)}=${String(f.value)}`)
				.sort(),
		);
	return norm(a) === norm(b);
}
