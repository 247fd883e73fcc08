import type { Conversation, Message, Participant, Store } from './store';

/** The public JSON shapes Bird returns, built from stored state (docs/bird-api.md §2.1 conversation, §3.1 message, §4.1 participant). */

/**
 * The channelId of a conversation about a resource, which has no channel. Bird's conversation schema
 * requires `channelId` as a non-nullable uuid string (sandbox/schemas/getConversation.json), so neither
 * leaving it out, null nor "" would fit it; what Bird really reports is not documented (docs/bird-api.md §2.2).
 * Inferred: the nil UUID, which fits the schema and is what a service whose channel ID is a UUID type
 * writes when it has none. Clients should treat it as "no channel". The store keeps "" internally.
 */
export const NO_CHANNEL_ID = '00000000-0000-0000-0000-000000000000';
const channelIdView = (channelId: string) => channelId || NO_CHANNEL_ID;

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
		channelId: channelIdView(m.channelId),
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

/**
 * The `type` and `preview.text` Bird reports for a template message (e.g. as the conversation's lastMessage).
 *
 * Documented (docs/bird-api.md §2.2, create-conversation examples): an e-mail template gives type `html`
 * with an empty preview; a WhatsApp template gives type `list` with "Message type 'list' was sent."
 * (test/fixtures/bird/conversation.create-whatsapp-template.json). Neither request says what its template
 * contains (both send only projectId, version, locale and parameters), so Bird reports the type of the
 * message it rendered from the stored template. The sandbox cannot render templates, so it takes the type
 * from the channel's platform instead (inferred): e-mail → `html`; every other platform, and a channel-less
 * conversation, → `list` like the only non-e-mail example.
 */
function templateSummary(platform: string | undefined): { type: string; preview: string } {
	if (platform === 'email') return { type: 'html', preview: '' };
	return { type: 'list', preview: `Message type 'list' was sent.` };
}

export function previewText(m: Message, platform?: string): string {
	const body = m.body as Record<string, any> | undefined;
	if (m.template) return templateSummary(platform).preview;
	if (!body) return '';
	switch (body.type) {
		case 'text':
			return String(body.text?.text ?? '');
		case 'html':
			return String(body.html?.text ?? body.html?.html ?? '')
				.replace(/<[^>]+>/g, '')
				.slice(0, 200);
		default:
			return `Message type '${body.type}' was sent.`;
	}
}

function messageType(m: Message, platform?: string): string {
	if (m.template) return templateSummary(platform).type;
	return String((m.body as { type?: string } | undefined)?.type ?? 'text');
}

export function conversationView(store: Store, c: Conversation): Record<string, unknown> {
	const participants = store.participantsOf(c.id);
	const active = participants.filter((p) => p.status === 'active');
	const pending = participants.filter((p) => p.status === 'pending' || p.status === 'invited');
	const initiating = participants.find((p) => p.id === c.initiatingParticipantId);
	const last = c.lastMessageId ? store.message(c.id, c.lastMessageId) : undefined;
	const platform = c.channelId ? store.channel(c.workspaceId, c.channelId)?.platform : undefined;
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
		channelId: channelIdView(c.channelId),
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		platformStyle: c.platformStyle,
	};
	if (c.style) view.style = c.style;
	if (initiating) view.initiatingParticipant = participantSummary(initiating);
	if (last) {
		view.lastMessage = {
			id: last.id,
			type: messageType(last, platform),
			preview: { text: previewText(last, platform) },
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
