import { channelMessageView } from './channelMessages';
import type { Conversation, Message, Store } from './store';
import { newId, now } from './store';
import { conversationView } from './views';

/** What the domain tells the webhook layer: one Bird event, with the channel for `channelId` filters. */
export type EmitEvent = (event: {
	workspaceId: string;
	service: 'conversations' | 'channels';
	event: string;
	channelId: string;
	payload: Record<string, unknown>;
}) => void;

/** The events a change fires: conversation.* with the conversation, `<platform>.*` with the channel message. */
export class Announcements {
	constructor(
		private readonly store: Store,
		private readonly emit: EmitEvent,
	) {}

	/**
	 * Bumps updatedAt and tells subscribers: conversation.updated unless `announce` says otherwise (the
	 * initial message of a new conversation is announced by its conversation.created). Bird fires
	 * conversation.updated on "changes in attributes, participants, or statuses" (docs/bird-api.md §5); that
	 * every new message fires it too is inferred there.
	 */
	touch(
		conversation: Conversation,
		announce = () => this.conversation(conversation, 'conversation.updated'),
	): void {
		conversation.updatedAt = now();
		announce();
	}

	conversation(conversation: Conversation, event: string): void {
		this.emit({
			workspaceId: conversation.workspaceId,
			service: 'conversations',
			event,
			channelId: conversation.channelId,
			payload: conversationView(this.store, conversation),
		});
	}

	/** `<platform>.inbound` / `.outbound` with the Channels API's view of the message (docs/bird-api.md §6). */
	channelMessage(
		conversation: Conversation,
		message: Message,
		kind: 'inbound' | 'outbound',
		reason?: string,
	): void {
		// A conversation about a resource (a task, a lead…) has no channel: nothing travels, so no channel event.
		if (!conversation.channelId) return;
		const channel = this.store.channel(conversation.workspaceId, conversation.channelId);
		const direction = kind === 'inbound' ? 'incoming' : 'outgoing';
		this.emit({
			workspaceId: conversation.workspaceId,
			service: 'channels',
			event: `${channel?.platform ?? 'unknown'}.${kind}`,
			channelId: conversation.channelId,
			payload: channelMessageView(message, channel, direction, reason ? { reason } : undefined),
		});
	}

	/**
	 * `<platform>.interaction`: a recipient opened, clicked, read… a sent message. The event name is inferred
	 * (docs/bird-api.md §6.4: Bird lists interaction events without naming them); the payload follows the
	 * interaction object Bird documents for its interactions list (§6.3).
	 */
	interaction(conversation: Conversation, message: Message, type: string): Record<string, unknown> {
		const channel = this.store.channel(conversation.workspaceId, conversation.channelId);
		const [receiver] = message.recipients;
		const payload: Record<string, unknown> = {
			id: newId(),
			messageId: message.id,
			channelId: conversation.channelId,
			platformId: channel?.platform,
			type,
			messageReference: message.reference,
			receiver: receiver
				? {
						contacts: [
							{
								id: receiver.id,
								identifierKey: receiver.identifierKey,
								identifierValue: receiver.identifierValue,
							},
						],
					}
				: undefined,
			createdAt: now(),
		};
		this.emit({
			workspaceId: conversation.workspaceId,
			service: 'channels',
			event: `${channel?.platform ?? 'unknown'}.interaction`,
			channelId: conversation.channelId,
			payload,
		});
		return payload;
	}
}
