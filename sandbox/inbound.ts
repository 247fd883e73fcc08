import type { Announcements } from './announcements';
import { conflict, invalidPayload, notFound } from './errors';
import type { ParticipantRecords } from './participantRecords';
import type { Conversation, Message, Store } from './store';
import { newId, now } from './store';
import { participantSummary } from './views';

type Body = Record<string, any>;

/**
 * A contact writes on a channel (simulation): find or create the contact and its open conversation on
 * that channel, store the message, fire conversation.created/updated and `<platform>.inbound`.
 */
export function receiveInbound(
	store: Store,
	records: ParticipantRecords,
	announcements: Announcements,
	input: { workspaceId: string; channelId: string; from: Body; body: Body },
): { conversation: Conversation; message: Message } {
	const { workspaceId, channelId, from, body } = input;
	const channel = store.channel(workspaceId, channelId);
	if (!channel) throw notFound(`Channel '${channelId}' does not exist in this workspace`);
	if (!from?.identifierValue)
		throw invalidPayload({ '.contact.identifierValue': ["Property 'identifierValue' is missing"] });
	const contact = records.findOrCreateContact(workspaceId, from, '.contact');
	if (from.displayName && !contact.displayName) contact.displayName = from.displayName;
	let conversation = store.data.conversations.find(
		(c) =>
			c.workspaceId === workspaceId &&
			c.channelId === channelId &&
			c.status === 'active' &&
			store.participantsOf(c.id).some((p) => p.type === 'contact' && p.id === contact.id),
	);
	let created = false;
	if (!conversation) {
		if (store.data.channelConfig[channelId]?.status !== 'active') {
			throw conflict(
				'ConversationsDisabled',
				'Conversations are not enabled on this channel, so no conversation was created',
			);
		}
		const t = now();
		conversation = {
			id: newId(),
			workspaceId,
			name:
				channel.platform === 'email'
					? String(body?.html?.metadata?.subject ?? body?.text?.metadata?.subject ?? '')
					: '',
			description: '',
			status: 'active',
			visibility: 'private',
			accessibility: 'invite-only',
			channelId,
			platformStyle: channel.platform === 'email' ? 'email' : 'direct',
			createdAt: t,
			updatedAt: t,
		};
		store.addConversation(conversation);
		created = true;
	}
	const participant = records.add(conversation.id, records.contactFields(contact));
	if (created) conversation.initiatingParticipantId = participant.id;
	const t = now();
	const message: Message = {
		id: newId(),
		workspaceId,
		conversationId: conversation.id,
		channelId,
		reference: '',
		sender: participantSummary(participant),
		draft: false,
		recipients: [],
		status: 'delivered',
		source: 'channels',
		body,
		interactions: null,
		createdAt: t,
		updatedAt: t,
	};
	store.addMessage(message);
	conversation.lastMessageId = message.id;
	conversation.lastMessageIncomingAt = t;
	conversation.updatedAt = t;
	announcements.conversation(
		conversation,
		created ? 'conversation.created' : 'conversation.updated',
	);
	announcements.channelMessage(conversation, message, 'inbound');
	return { conversation, message };
}
