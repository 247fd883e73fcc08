import type { IDataObject } from 'n8n-workflow';

/** What the user picks in "Events", and the Bird subscription each one needs (docs/bird-api.md §5, §6.4, §7.3). */
export const EVENT_OPTIONS = [
	{ name: 'Conversation Created', value: 'conversation.created', description: 'A conversation started, e.g. a customer wrote for the first time' },
	{ name: 'Conversation Deleted', value: 'conversation.deleted', description: 'A conversation was deleted' },
	{
		name: 'Conversation Updated',
		value: 'conversation.updated',
		description: 'Status, participants or attributes changed, or a new message arrived (noisy: one run per change)',
	},
	{ name: 'Message Received', value: 'message.inbound', description: 'A message arrived on a channel of the chosen platform (full body included)' },
	{ name: 'Message Sent', value: 'message.outbound', description: 'A message was sent or changed status on a channel (one run per status update)' },
];

export const PLATFORM_OPTIONS = ['email', 'facebook', 'instagram', 'line', 'linkedin', 'sms', 'telegram', 'tiktok', 'viber', 'whatsapp'].map((p) => ({
	name: p === 'sms' ? 'SMS' : p === 'email' ? 'E-Mail' : p.charAt(0).toUpperCase() + p.slice(1),
	value: p,
}));

export interface SubscriptionSpec {
	service: 'conversations' | 'channels';
	event: string;
	eventFilters: Array<{ key: string; value: string }>;
}

/** One Bird subscription per selected event: Bird ties each subscription to exactly one event. */
export function subscriptionSpecs(events: string[], platform: string, channelId: string): SubscriptionSpec[] {
	const eventFilters = channelId.trim() ? [{ key: 'channelId', value: channelId.trim() }] : [];
	return events.map((event) =>
		event.startsWith('message.')
			? { service: 'channels' as const, event: `${platform}.${event.slice('message.'.length)}`, eventFilters }
			: { service: 'conversations' as const, event, eventFilters },
	);
}

export function sameFilters(a: unknown, b: Array<{ key: string; value: string }>): boolean {
	const norm = (list: unknown) =>
		JSON.stringify(
			((Array.isArray(list) ? list : []) as IDataObject[]).map((f) => `${String(f.key)}=${String(f.value)}`).sort(),
		);
	return norm(a) === norm(b);
}
