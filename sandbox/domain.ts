import { BirdHttpError, conflict, invalidPayload, notFound } from './errors';
import type { SeedAccessKey } from './seed';
import type { Contact, Conversation, Message, Participant, Store } from './store';
import { newId, now } from './store';
import type { FailureStatus } from './channelMessages';
import { channelMessageView, OUTGOING_STEPS } from './channelMessages';
import { conversationView, participantSummary } from './views';

/** What the domain tells the webhook layer: one Bird event, with the channel for `channelId` filters. */
export type EmitEvent = (event: {
	workspaceId: string;
	service: 'conversations' | 'channels';
	event: string;
	channelId: string;
	payload: Record<string, unknown>;
}) => void;

type Body = Record<string, any>;

/**
 * Bird's conversation behaviour (docs/bird-api.md §2–§5): who becomes a participant, what a message does to its
 * conversation, message status progression, and which events fire.
 */
export class Domain {
	private readonly timers = new Set<NodeJS.Timeout>();

	/**
	 * Simulation: recipients whose messages fail, by identifier value. A message to one of them goes
	 * accepted → processing, then `sending_failed`, or sent → `delivery_failed`, with the reason given.
	 */
	readonly undeliverable = new Map<string, { status: FailureStatus; reason: string }>();

	constructor(
		private readonly store: Store,
		private readonly emit: EmitEvent,
		private readonly options: { statusProgressionMs: number },
	) {}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.undeliverable.clear();
	}

	// ---- participants -------------------------------------------------------------------------

	private addParticipantRecord(conversationId: string, fields: Omit<Participant, 'conversationId' | 'createdAt' | 'updatedAt' | 'avatarUrl'>): Participant {
		const existing = this.store.participantsOf(conversationId).find((p) => p.id === fields.id && p.type === fields.type);
		if (existing) return existing;
		const t = now();
		const participant: Participant = { ...fields, avatarUrl: '', conversationId, createdAt: t, updatedAt: t };
		this.store.addParticipant(participant);
		return participant;
	}

	private contactParticipantFields(contact: Contact, status: Participant['status'] = 'active') {
		return {
			id: contact.id,
			type: 'contact',
			status,
			displayName: contact.displayName,
			contact: { identifierKey: contact.identifierKey, identifierValue: contact.identifierValue, platformAddress: contact.identifierValue },
		};
	}

	private accessKeyParticipant(conversationId: string, key: SeedAccessKey): Participant {
		return this.addParticipantRecord(conversationId, { id: key.id, type: 'accessKey', status: 'active', displayName: key.name });
	}

	/** Finds a contact, creating it when it is named by identifier (Bird creates contacts the same way). */
	findOrCreateContact(workspaceId: string, ref: { id?: string; identifierKey?: string; identifierValue?: string; displayName?: string }, path: string): Contact {
		if (ref.identifierValue) {
			const found = this.store.contactByIdentifier(workspaceId, ref.identifierKey, ref.identifierValue);
			if (found) return found;
			const contact: Contact = {
				id: ref.id ?? newId(),
				workspaceId,
				displayName: ref.displayName ?? '',
				identifierKey: ref.identifierKey ?? (ref.identifierValue.includes('@') ? 'emailaddress' : 'phonenumber'),
				identifierValue: ref.identifierValue,
			};
			this.store.data.contacts.push(contact);
			return contact;
		}
		const contact = ref.id ? this.store.contactById(workspaceId, ref.id) : undefined;
		if (!contact) throw invalidPayload({ [path]: [`Contact '${ref.id ?? ''}' does not exist in this workspace`] });
		return contact;
	}

	private displayNameOfUser(workspaceId: string, id: string): string {
		return this.store.data.seed.users.find((u) => u.id === id && u.workspaceId === workspaceId)?.displayName ?? '';
	}

	addParticipant(workspaceId: string, conversation: Conversation, body: Body): { created: boolean; participant: Participant } {
		const status = (body.status ?? 'active') as Participant['status'];
		const before = this.store.participantsOf(conversation.id).length;
		let participant: Participant;
		if (body.type === 'contact') {
			const contact = this.findOrCreateContact(workspaceId, { id: body.id, ...(body.contact ?? {}) }, body.id ? '.id' : '.contact');
			participant = this.addParticipantRecord(conversation.id, this.contactParticipantFields(contact, status));
		} else {
			participant = this.addParticipantRecord(conversation.id, {
				id: body.id,
				type: body.type,
				status,
				displayName: this.displayNameOfUser(workspaceId, body.id),
			});
		}
		const created = this.store.participantsOf(conversation.id).length > before;
		if (created) this.touch(conversation);
		return { created, participant };
	}

	updateParticipant(conversation: Conversation, participant: Participant, body: Body): Participant {
		if (body.status) participant.status = body.status;
		participant.updatedAt = now();
		this.touch(conversation);
		return participant;
	}

	removeParticipant(conversation: Conversation, participant: Participant): void {
		if (participant.id === conversation.initiatingParticipantId && participant.type === 'accessKey') {
			throw new BirdHttpError(403, 'Forbidden', 'Deleting this participant is not allowed');
		}
		this.store.removeParticipant(participant);
		this.touch(conversation);
	}

	// ---- conversations ------------------------------------------------------------------------

	private platformOf(workspaceId: string, channelId: string): string {
		return this.store.channel(workspaceId, channelId)?.platform ?? 'unknown';
	}

	/**
	 * Bumps updatedAt and tells subscribers: conversation.updated unless `announce` says otherwise (the
	 * initial message of a new conversation is announced by its conversation.created). Bird fires
	 * conversation.updated on "changes in attributes, participants, or statuses" (docs/bird-api.md §5); that
	 * every new message fires it too is inferred there.
	 */
	private touch(conversation: Conversation, announce = () => this.emitConversation(conversation, 'conversation.updated')): void {
		conversation.updatedAt = now();
		announce();
	}

	private emitConversation(conversation: Conversation, event: string): void {
		this.emit({
			workspaceId: conversation.workspaceId,
			service: 'conversations',
			event,
			channelId: conversation.channelId,
			payload: conversationView(this.store, conversation),
		});
	}

	createConversation(workspaceId: string, key: SeedAccessKey, body: Body): Conversation {
		if (body.channelId && !this.store.channel(workspaceId, body.channelId)) {
			throw invalidPayload({ '.channelId': [`Channel '${body.channelId}' does not exist in this workspace`] });
		}
		if (body.initialMessage?.reference) this.assertReferenceFree(workspaceId, body.initialMessage.reference, '.initialMessage.reference');
		this.assertContactsExist(workspaceId, body.participants, '.participants', (ref) => ref.type === 'contact');
		this.assertContactsExist(workspaceId, body.initialMessage?.recipients, '.initialMessage.recipients');
		const t = now();
		const platform = body.channelId ? this.platformOf(workspaceId, body.channelId) : '';
		const conversation: Conversation = {
			id: newId(),
			workspaceId,
			name: body.name,
			description: body.description ?? '',
			status: 'active',
			visibility: body.visibility ?? 'public',
			accessibility: body.accessibility ?? 'open',
			style: body.style,
			channelId: body.channelId ?? '',
			platformStyle: platform === 'email' ? 'email' : 'direct',
			attributes: body.attributes ?? undefined,
			resource: body.resource ?? undefined,
			createdAt: t,
			updatedAt: t,
		};
		this.store.addConversation(conversation);
		// The caller's access key always joins and initiates: in every Bird example it is a featured participant
		// and the initiatingParticipant (docs/bird-api.md §2.2).
		const caller = this.accessKeyParticipant(conversation.id, key);
		conversation.initiatingParticipantId = caller.id;
		(body.participants ?? []).forEach((ref: Body, index: number) => {
			if (ref.type === 'contact') {
				const contact = this.findOrCreateContact(workspaceId, ref, `.participants[${index}]`);
				this.addParticipantRecord(conversation.id, this.contactParticipantFields(contact));
			} else {
				this.addParticipantRecord(conversation.id, { id: ref.id, type: ref.type, status: 'active', displayName: this.displayNameOfUser(workspaceId, ref.id) });
			}
		});
		// Conversation events carry the conversation object (docs/bird-api.md §5), and Bird's documented
		// conversation.created examples include lastMessage (test/fixtures/bird/docs.conversation-created.*.json).
		// So the initial message is stored first and conversation.created announces the conversation with it; no
		// separate conversation.updated fires for that message (it is part of the creation, inferred). Its
		// <platform>.outbound follows the created event.
		const announceCreated = () => this.emitConversation(conversation, 'conversation.created');
		if (body.initialMessage) {
			this.sendMessage(
				workspaceId,
				key,
				conversation,
				{ ...body.initialMessage, participantType: 'accessKey', participantId: key.id, addMissingParticipants: true },
				announceCreated,
			);
		} else {
			announceCreated();
		}
		return conversation;
	}

	updateConversation(conversation: Conversation, body: Body): Conversation {
		for (const field of ['name', 'description', 'status', 'visibility', 'accessibility'] as const) {
			if (body[field] !== undefined && body[field] !== null) (conversation as any)[field] = body[field];
		}
		// Attributes merge key by key (merge vs replace is not documented, docs/bird-api.md §2.5; merging loses
		// nothing a caller did not name).
		if (body.attributes !== undefined) {
			conversation.attributes = body.attributes === null ? undefined : { ...(conversation.attributes ?? {}), ...body.attributes };
		}
		if (body.visibility === 'private' && body.accessibility === undefined) conversation.accessibility = 'invite-only';
		if (body.status === 'deleted') {
			this.deleteConversation(conversation);
			return conversation;
		}
		this.touch(conversation);
		return conversation;
	}

	deleteConversation(conversation: Conversation): void {
		conversation.status = 'deleted';
		conversation.updatedAt = now();
		this.store.conversationsChanged();
		this.emitConversation(conversation, 'conversation.deleted');
	}

	// ---- messages -----------------------------------------------------------------------------

	private assertReferenceFree(workspaceId: string, reference: string, path: string): void {
		if (!reference) return;
		if (this.store.data.messages.some((m) => m.workspaceId === workspaceId && m.reference === reference)) {
			throw new BirdHttpError(409, 'ResourceAlreadyExists', `The resource already exists: a message with reference '${reference}' exists in this workspace (${path})`);
		}
	}

	/**
	 * Contacts named only by ID must exist. Checked before anything is stored, so a 422 leaves no
	 * half-created conversation, participant or event behind (Bird rejects the request as a whole).
	 */
	private assertContactsExist(workspaceId: string, refs: Body[] | null | undefined, path: string, isContact = (_ref: Body) => true): void {
		(refs ?? []).forEach((ref, index) => {
			if (!isContact(ref) || ref.identifierValue) return;
			if (!ref.id || !this.store.contactById(workspaceId, ref.id)) {
				throw invalidPayload({ [`${path}[${index}]`]: [`Contact '${ref.id ?? ''}' does not exist in this workspace`] });
			}
		});
	}

	private senderParticipant(workspaceId: string, key: SeedAccessKey, conversation: Conversation, body: Body): Participant {
		const existing = this.store
			.participantsOf(conversation.id)
			.find((p) => p.id === body.participantId && p.type === body.participantType);
		if (existing) return existing;
		if (!body.addMissingParticipants) {
			throw invalidPayload({
				'.participantId': [`Participant '${body.participantId}' (${body.participantType}) is not part of the conversation; set addMissingParticipants to true to add it`],
			});
		}
		if (body.participantType === 'accessKey') {
			const senderKey = this.store.data.seed.accessKeys.find((k) => k.id === body.participantId) ?? { ...key, id: body.participantId, name: '' };
			return this.accessKeyParticipant(conversation.id, senderKey);
		}
		if (body.participantType === 'contact') {
			const contact = this.findOrCreateContact(workspaceId, { id: body.participantId }, '.participantId');
			return this.addParticipantRecord(conversation.id, this.contactParticipantFields(contact));
		}
		return this.addParticipantRecord(conversation.id, { id: body.participantId, type: body.participantType, status: 'active', displayName: this.displayNameOfUser(workspaceId, body.participantId) });
	}

	private resolveRecipients(workspaceId: string, conversation: Conversation, recipients: Body[] | undefined, addMissing: boolean): Array<Record<string, unknown>> {
		const refs: Body[] = recipients?.length
			? recipients
			: this.store
					.participantsOf(conversation.id)
					.filter((p) => p.type === 'contact')
					.map((p) => ({ type: 'to', id: p.id }));
		return refs.map((ref, index) => {
			const contact = this.findOrCreateContact(workspaceId, ref, `.recipients[${index}]`);
			if (addMissing) this.addParticipantRecord(conversation.id, this.contactParticipantFields(contact));
			return {
				type: ref.type ?? 'to',
				id: contact.id,
				identifierKey: contact.identifierKey,
				identifierValue: contact.identifierValue,
				platformAddress: contact.identifierValue,
				contactAnnotation: { name: contact.displayName },
			};
		});
	}

	/**
	 * `announce` tells subscribers the conversation changed; by default conversation.updated, but the
	 * initial message of a new conversation is announced by its conversation.created instead.
	 */
	sendMessage(workspaceId: string, key: SeedAccessKey, conversation: Conversation, body: Body, announce?: () => void): Message {
		if (conversation.status === 'closed') {
			throw conflict('ConversationClosed', 'Messages cannot be sent to a closed conversation; reopen it by setting its status to active');
		}
		if (body.reference) this.assertReferenceFree(workspaceId, body.reference, '.reference');
		if (body.replyToMessageId && !this.store.message(conversation.id, body.replyToMessageId)) {
			throw invalidPayload({ '.replyToMessageId': [`Message '${body.replyToMessageId}' does not exist in this conversation`] });
		}
		this.assertContactsExist(workspaceId, body.recipients, '.recipients');
		const sender = this.senderParticipant(workspaceId, key, conversation, body);
		const recipients = this.resolveRecipients(workspaceId, conversation, body.recipients, body.addMissingParticipants === true);
		const t = now();
		const message: Message = {
			id: newId(),
			workspaceId,
			conversationId: conversation.id,
			channelId: conversation.channelId,
			reference: body.reference ?? '',
			sender: participantSummary(sender),
			draft: body.draft === true,
			recipients,
			status: 'accepted',
			source: 'conversations',
			body: body.body,
			template: body.template,
			replyToMessageId: body.replyToMessageId,
			interactions: null,
			createdAt: t,
			updatedAt: t,
		};
		this.store.addMessage(message);
		if (message.draft) {
			this.touch(conversation, announce);
		} else {
			this.dispatchOutgoing(conversation, message, announce);
		}
		return message;
	}

	/** A message leaves: the conversation's last message changes and the status starts advancing. */
	private dispatchOutgoing(conversation: Conversation, message: Message, announce?: () => void): void {
		conversation.lastMessageId = message.id;
		conversation.lastMessageOutgoingAt = message.createdAt;
		this.touch(conversation, announce);
		this.emitChannelMessage(conversation, message, 'outbound');
		this.advanceStatus(conversation, message, this.stepsAfterAccepted(message));
	}

	/** Bird's lifecycle after `accepted` (docs/bird-api.md §6.2), or the failure this recipient simulates. */
	private stepsAfterAccepted(message: Message): Array<{ status: string; reason?: string }> {
		const failure = message.recipients.map((r) => this.undeliverable.get(String(r.identifierValue))).find(Boolean);
		const [, processing, sent, delivered] = OUTGOING_STEPS;
		if (failure?.status === 'sending_failed') return [{ status: processing }, failure];
		if (failure?.status === 'delivery_failed') return [{ status: processing }, { status: sent }, failure];
		return [{ status: processing }, { status: sent }, { status: delivered }];
	}

	private advanceStatus(conversation: Conversation, message: Message, steps: Array<{ status: string; reason?: string }>): void {
		if (this.options.statusProgressionMs <= 0 || steps.length === 0) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.store.message(message.conversationId, message.id)) return;
			const [step, ...rest] = steps;
			message.status = step.status;
			message.updatedAt = now();
			this.emitChannelMessage(conversation, message, 'outbound', step.reason);
			this.advanceStatus(conversation, message, rest);
		}, this.options.statusProgressionMs);
		timer.unref();
		this.timers.add(timer);
	}

	/** `<platform>.inbound` / `.outbound` with the Channels API's view of the message (docs/bird-api.md §6). */
	private emitChannelMessage(conversation: Conversation, message: Message, kind: 'inbound' | 'outbound', reason?: string): void {
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

	updateMessage(workspaceId: string, conversation: Conversation, message: Message, body: Body): Message {
		if (!message.draft) {
			const onlyStatus = Object.keys(body).every((k) => k === 'status');
			if (!onlyStatus) throw conflict('ConflictingState', 'Only draft messages can be changed; this message was already sent');
		}
		if (body.draft === true && !message.draft) throw conflict('ConflictingState', 'A sent message cannot become a draft again');
		// Every refusal comes before the first change, so a 409/422 leaves the draft as it was.
		const sending = message.draft && body.draft === false;
		if (sending && conversation.status === 'closed') throw conflict('ConversationClosed', 'Messages cannot be sent to a closed conversation');
		this.assertContactsExist(workspaceId, body.recipients, '.recipients');
		if (body.body) message.body = body.body;
		if (body.recipients) message.recipients = this.resolveRecipients(workspaceId, conversation, body.recipients, body.addMissingParticipants === true);
		if (body.replyToMessageId) message.replyToMessageId = body.replyToMessageId;
		if (body.status) message.status = body.status;
		message.updatedAt = now();
		if (sending) {
			message.draft = false;
			message.status = 'accepted';
			this.dispatchOutgoing(conversation, message);
		}
		return message;
	}

	deleteMessage(conversation: Conversation, message: Message): void {
		this.store.removeMessage(message);
		if (conversation.lastMessageId === message.id) {
			const remaining = this.store.messagesOf(conversation.id).filter((m) => !m.draft);
			conversation.lastMessageId = remaining[remaining.length - 1]?.id;
		}
		this.touch(conversation);
	}

	/**
	 * A contact writes on a channel (simulation): find or create the contact and its open conversation on
	 * that channel, store the message, fire conversation.created/updated and `<platform>.inbound`.
	 */
	receiveInbound(workspaceId: string, channelId: string, from: Body, body: Body): { conversation: Conversation; message: Message } {
		const channel = this.store.channel(workspaceId, channelId);
		if (!channel) throw notFound(`Channel '${channelId}' does not exist in this workspace`);
		if (!from?.identifierValue) throw invalidPayload({ '.contact.identifierValue': ["Property 'identifierValue' is missing"] });
		const contact = this.findOrCreateContact(workspaceId, from, '.contact');
		if (from.displayName && !contact.displayName) contact.displayName = from.displayName;
		let conversation = this.store.data.conversations.find(
			(c) =>
				c.workspaceId === workspaceId &&
				c.channelId === channelId &&
				c.status === 'active' &&
				this.store.participantsOf(c.id).some((p) => p.type === 'contact' && p.id === contact.id),
		);
		let created = false;
		if (!conversation) {
			if (this.store.data.channelConfig[channelId]?.status !== 'active') {
				throw conflict('ConversationsDisabled', 'Conversations are not enabled on this channel, so no conversation was created');
			}
			const t = now();
			conversation = {
				id: newId(),
				workspaceId,
				name: channel.platform === 'email' ? String(body?.html?.metadata?.subject ?? body?.text?.metadata?.subject ?? '') : '',
				description: '',
				status: 'active',
				visibility: 'private',
				accessibility: 'invite-only',
				channelId,
				platformStyle: channel.platform === 'email' ? 'email' : 'direct',
				createdAt: t,
				updatedAt: t,
			};
			this.store.addConversation(conversation);
			created = true;
		}
		const participant = this.addParticipantRecord(conversation.id, this.contactParticipantFields(contact));
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
		this.store.addMessage(message);
		conversation.lastMessageId = message.id;
		conversation.lastMessageIncomingAt = t;
		conversation.updatedAt = t;
		this.emitConversation(conversation, created ? 'conversation.created' : 'conversation.updated');
		this.emitChannelMessage(conversation, message, 'inbound');
		return { conversation, message };
	}
}
