import { channelMessageView } from './channelMessages';
import type { Conversation, Message, Store } from './store';
import { now } from './store';
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
}
