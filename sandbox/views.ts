import type { Conversation, Message, Participant, Store } from './store';

/** The public JSON shapes Bird returns, built from stored state (docs/bird-api.md §2.1 conversation, §3.1 message, §4.1 participant). */

export function participantView(p: Participant): Record<string, unknown> {
	const view: Record<string, unknown> = {
		id: p.id,
		type: p.type,
		status: p.status,
		displayName: p.displayName,
		avatarUrl: p.avatarUrl,
	};
	if (p.contact) view.contact = { ...p.contact };
	view.conversationId = p.conversationId;
	view.createdAt = p.createdAt;
	view.updatedAt = p.updatedAt;
	return view;
}

/** The short participant form used inside messages and featured lists. */
export function participantSummary(p: Participant): Record<string, unknown> {
	const view: Record<string, unknown> = {
		id: p.id,
		type: p.type,
		status: p.status,
		displayName: p.displayName,
		avatarUrl: p.avatarUrl,
	};
	if (p.contact) view.contact = { ...p.contact };
	return view;
}

export function messageView(m: Message): Record<string, unknown> {
	const view: Record<string, unknown> = {
		id: m.id,
		conversationId: m.conversationId,
		channelId: m.channelId,
		reference: m.reference,
		sender: m.sender,
		draft: m.draft,
		recipients: m.recipients,
		status: m.status,
		source: m.source,
	};
	if (m.body) view.body = m.body;
	if (m.template) view.template = m.template;
	if (m.replyToMessageId) view.replyToMessageId = m.replyToMessageId;
	view.interactions = m.interactions;
	view.createdAt = m.createdAt;
	view.updatedAt = m.updatedAt;
	return view;
}

export function previewText(m: Message): string {
	const body = m.body as Record<string, any> | undefined;
	if (m.template) return `Template message was sent.`;
	if (!body) return '';
	switch (body.type) {
		case 'text':
			return String(body.text?.text ?? '');
		case 'html':
			return String(body.html?.text ?? body.html?.html ?? '').replace(/<[^>]+>/g, '').slice(0, 200);
		default:
			return `Message type '${body.type}' was sent.`;
	}
}

export function conversationView(store: Store, c: Conversation): Record<string, unknown> {
	const participants = store.participantsOf(c.id);
	const active = participants.filter((p) => p.status === 'active');
	const pending = participants.filter((p) => p.status === 'pending' || p.status === 'invited');
	const initiating = participants.find((p) => p.id === c.initiatingParticipantId);
	const last = c.lastMessageId ? store.message(c.id, c.lastMessageId) : undefined;
	const view: Record<string, unknown> = {
		id: c.id,
		name: c.name,
		description: c.description,
		status: c.status,
		visibility: c.visibility,
		accessibility: c.accessibility,
		featuredParticipants: active.slice(0, 10).map(participantSummary),
		activeParticipantCount: active.length,
		pendingParticipantCount: pending.length,
		participants: participants.map((p) => {
			const ref: Record<string, unknown> = { id: p.id, type: p.type };
			if (p.contact) ref.contact = { ...p.contact };
			return ref;
		}),
		channelId: c.channelId,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		platformStyle: c.platformStyle,
	};
	if (c.style) view.style = c.style;
	if (initiating) view.initiatingParticipant = participantSummary(initiating);
	if (last) {
		view.lastMessage = {
			id: last.id,
			type: last.template ? 'text' : String((last.body as { type?: string })?.type ?? 'text'),
			preview: { text: previewText(last) },
			recipients: last.recipients.length ? last.recipients : null,
			status: last.status,
			sender: last.sender,
			draft: last.draft,
			createdAt: last.createdAt,
		};
	}
	if (c.lastMessageIncomingAt) view.lastMessageIncomingAt = c.lastMessageIncomingAt;
	if (c.lastMessageOutgoingAt) view.lastMessageOutgoingAt = c.lastMessageOutgoingAt;
	if (c.attributes) view.attributes = c.attributes;
	if (c.resource) view.resource = c.resource;
	return view;
}
