import type { SeedData } from './seed';
import type { Message, Participant, Store } from './store';
import { newId } from './store';
import { participantSummary } from './views';

/**
 * Writes the seed's conversations straight into the store with back-dated timestamps, without firing
 * webhook events: they are history that existed before anyone subscribed.
 */
export function loadSeedConversations(store: Store, seed: SeedData): void {
	const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
	// Oldest first, so the store keeps its creation order (pagination relies on it to avoid sorting).
	const oldestFirst = [...seed.conversations].sort(
		(a, b) =>
			Math.max(...b.messages.map((m) => m.minutesAgo)) -
			Math.max(...a.messages.map((m) => m.minutesAgo)),
	);
	for (const spec of oldestFirst) {
		const contact = store.data.contacts.find((c) => c.id === spec.contactId)!;
		const key = seed.accessKeys.find((k) => k.workspaceIds.includes(spec.workspaceId))!;
		const channel = seed.channels.find((c) => c.id === spec.channelId)!;
		const startedAt = minutesAgo(Math.max(...spec.messages.map((m) => m.minutesAgo)) + 1);
		const contactParticipant: Participant = {
			id: contact.id,
			type: 'contact',
			status: 'active',
			displayName: contact.displayName,
			avatarUrl: '',
			contact: {
				identifierKey: contact.identifierKey,
				identifierValue: contact.identifierValue,
				platformAddress: contact.identifierValue,
			},
			conversationId: spec.id,
			createdAt: startedAt,
			updatedAt: startedAt,
		};
		const keyParticipant: Participant = {
			id: key.id,
			type: 'accessKey',
			status: 'active',
			displayName: key.name,
			avatarUrl: '',
			conversationId: spec.id,
			createdAt: startedAt,
			updatedAt: startedAt,
		};
		store.addParticipant(contactParticipant);
		store.addParticipant(keyParticipant);
		const messages: Message[] = spec.messages.map((m) => {
			const incoming = m.from === 'contact';
			const at = minutesAgo(m.minutesAgo);
			return {
				id: newId(),
				workspaceId: spec.workspaceId,
				conversationId: spec.id,
				channelId: spec.channelId,
				reference: '',
				sender: participantSummary(incoming ? contactParticipant : keyParticipant),
				draft: false,
				recipients: incoming
					? []
					: [
							{
								type: 'to',
								id: contact.id,
								identifierKey: contact.identifierKey,
								identifierValue: contact.identifierValue,
								platformAddress: contact.identifierValue,
								contactAnnotation: { name: contact.displayName },
							},
						],
				status: 'delivered',
				source: incoming ? 'channels' : 'conversations',
				body: { type: 'text', text: { text: m.text } },
				interactions: null,
				createdAt: at,
				updatedAt: at,
			};
		});
		for (const message of messages) store.addMessage(message);
		const last = messages[messages.length - 1];
		const lastIn = [...messages].reverse().find((m) => m.source === 'channels');
		const lastOut = [...messages].reverse().find((m) => m.source === 'conversations');
		store.addConversation({
			id: spec.id,
			workspaceId: spec.workspaceId,
			name: spec.name,
			description: '',
			status: spec.status,
			visibility: 'private',
			accessibility: 'invite-only',
			channelId: spec.channelId,
			platformStyle: channel.platform === 'email' ? 'email' : 'direct',
			initiatingParticipantId: contact.id,
			lastMessageId: last?.id,
			lastMessageIncomingAt: lastIn?.createdAt,
			lastMessageOutgoingAt: lastOut?.createdAt,
			createdAt: startedAt,
			updatedAt: last?.createdAt ?? startedAt,
		});
	}
}
