import { createHash } from 'crypto';

import type { SeedChannel } from './seed';
import type { Message } from './store';

/**
 * The Channels API's view of a message, as Bird puts it in `<platform>.inbound` / `<platform>.outbound`
 * events (docs/bird-api.md §6.1). It is not the Conversations message: a customer's message names the
 * contact as sender and the channel's connector as receiver, a sent one the other way round, and neither
 * names a conversation. Fields beyond Bird's examples are listed in docs/fidelity.md.
 */

/** Bird's statuses of an outgoing message, in order (docs/bird-api.md §6.2). */
export const OUTGOING_STEPS = ['accepted', 'processing', 'sent', 'delivered'] as const;
export type FailureStatus = 'sending_failed' | 'delivery_failed';

/**
 * A channel's connector. Seed channels may name it; otherwise its ID is derived from the channel's, so
 * it stays the same across restarts and resets (invented: Bird's connectors are their own resources).
 */
export function connectorOf(
	channel: SeedChannel | undefined,
	channelId: string,
): Record<string, unknown> {
	const digest = createHash('sha256').update(`connector:${channelId}`).digest('hex');
	const derived = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
	const connector: Record<string, unknown> = { id: channel?.connectorId ?? derived };
	if (channel?.address) connector.identifierValue = channel.address;
	return connector;
}

interface ContactLike {
	id?: unknown;
	identifierKey?: unknown;
	identifierValue?: unknown;
	platformAddress?: unknown;
	name?: unknown;
}

function channelContact(contact: ContactLike): Record<string, unknown> {
	const view: Record<string, unknown> = {
		id: contact.id,
		identifierKey: contact.identifierKey,
		identifierValue: contact.identifierValue,
		platformAddress: contact.platformAddress ?? contact.identifierValue,
	};
	if (contact.name) view.annotations = { name: contact.name };
	return view;
}

/** The contact of an incoming message, from the sender participant the sandbox stored. */
function senderContact(message: Message): Record<string, unknown> {
	const sender = message.sender as {
		id?: string;
		displayName?: string;
		contact?: Record<string, unknown>;
	};
	return channelContact({ id: sender.id, ...(sender.contact ?? {}), name: sender.displayName });
}

function receiverContacts(message: Message): Array<Record<string, unknown>> {
	return message.recipients.map((recipient) => {
		const annotation = recipient.contactAnnotation as { name?: string } | undefined;
		return {
			...channelContact({ ...recipient, name: annotation?.name }),
			type: recipient.type ?? 'to',
		};
	});
}

export function channelMessageView(
	message: Message,
	channel: SeedChannel | undefined,
	direction: 'incoming' | 'outgoing',
	failure?: { reason: string },
): Record<string, unknown> {
	const connector = connectorOf(channel, message.channelId);
	if (direction === 'outgoing' && channel?.name) connector.annotations = { name: channel.name };
	const view: Record<string, unknown> = {
		id: message.id,
		channelId: message.channelId,
		sender: direction === 'incoming' ? { contact: senderContact(message) } : { connector },
		receiver: direction === 'incoming' ? { connector } : { contacts: receiverContacts(message) },
	};
	if (message.body) view.body = message.body;
	if (message.template) view.template = message.template;
	view.reference = message.reference;
	view.parts = [{ platformReference: `sandbox.${message.id}` }];
	view.status = message.status;
	if (failure) view.reason = failure.reason;
	view.direction = direction;
	view.lastStatusAt = message.updatedAt;
	view.createdAt = message.createdAt;
	view.updatedAt = message.updatedAt;
	return view;
}
