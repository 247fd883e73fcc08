import { Announcements, type EmitEvent } from './announcements';
import { BirdHttpError, conflict, invalidPayload, notFound } from './errors';
import { receiveInbound } from './inbound';
import { Messaging } from './messaging';
import { ParticipantRecords } from './participantRecords';
import type { SeedAccessKey } from './seed';
import type { Conversation, Message, Participant, Store } from './store';
import { newId, now } from './store';

export type { EmitEvent };

type Body = Record<string, any>;

/**
 * Bird's conversation behaviour (docs/bird-api.md §2–§5): who becomes a participant, what a message does to its
 * conversation, message status progression, and which events fire. Messages live in messaging.ts, the
 * simulated inbound message in inbound.ts; this class ties them to conversations and participants.
 */
export class Domain {
	private readonly records: ParticipantRecords;
	private readonly announcements: Announcements;
	private readonly messaging: Messaging;

	constructor(
		private readonly store: Store,
		emit: EmitEvent,
		options: { statusProgressionMs: number },
	) {
		this.records = new ParticipantRecords(store);
		this.announcements = new Announcements(store, emit);
		this.messaging = new Messaging(store, this.records, this.announcements, options);
	}

	/** Simulation: recipients whose messages fail, by identifier value (see Messaging.undeliverable). */
	get undeliverable() {
		return this.messaging.undeliverable;
	}

	close(): void {
		this.messaging.close();
	}

	// ---- participants -------------------------------------------------------------------------

	addParticipant(
		workspaceId: string,
		conversation: Conversation,
		body: Body,
	): { created: boolean; participant: Participant } {
		const status = (body.status ?? 'active') as Participant['status'];
		const before = this.store.participantsOf(conversation.id).length;
		let participant: Participant;
		if (body.type === 'contact') {
			const contact = this.records.findOrCreateContact(
				workspaceId,
				{ id: body.id, ...(body.contact ?? {}) },
				body.id ? '.id' : '.contact',
			);
			participant = this.records.add(conversation.id, this.records.contactFields(contact, status));
		} else {
			participant = this.records.add(conversation.id, {
				id: body.id,
				type: body.type,
				status,
				displayName: this.records.displayNameOfUser(workspaceId, body.id),
			});
		}
		const created = this.store.participantsOf(conversation.id).length > before;
		if (created) this.announcements.touch(conversation);
		return { created, participant };
	}

	updateParticipant(conversation: Conversation, participant: Participant, body: Body): Participant {
		if (body.status) participant.status = body.status;
		participant.updatedAt = now();
		this.announcements.touch(conversation);
		return participant;
	}

	removeParticipant(conversation: Conversation, participant: Participant): void {
		if (
			participant.id === conversation.initiatingParticipantId &&
			participant.type === 'accessKey'
		) {
			throw new BirdHttpError(403, 'Forbidden', 'Deleting this participant is not allowed');
		}
		this.store.removeParticipant(participant);
		this.announcements.touch(conversation);
	}

	// ---- conversations ------------------------------------------------------------------------

	private platformOf(workspaceId: string, channelId: string): string {
		return this.store.channel(workspaceId, channelId)?.platform ?? 'unknown';
	}

	createConversation(workspaceId: string, key: SeedAccessKey, body: Body): Conversation {
		if (body.channelId && !this.store.channel(workspaceId, body.channelId)) {
			throw invalidPayload({
				'.channelId': [`Channel '${body.channelId}' does not exist in this workspace`],
			});
		}
		if (body.initialMessage?.reference)
			this.messaging.assertReferenceFree(
				workspaceId,
				body.initialMessage.reference,
				'.initialMessage.reference',
			);
		this.records.assertContactsExist(
			workspaceId,
			body.participants,
			'.participants',
			(ref) => ref.type === 'contact',
		);
		this.records.assertContactsExist(
			workspaceId,
			body.initialMessage?.recipients,
			'.initialMessage.recipients',
		);
		// "When both initiatingParticipant and initialMessage are provided, the initial message sender takes
		// precedence" (create-conversation schema, docs/bird-api.md §2.2): the initial message is sent by the
		// caller's key, so initiatingParticipant counts only without one. That it is then ignored altogether
		// (neither checked nor added) is inferred.
		const initiating: Body | undefined = body.initialMessage
			? undefined
			: (body.initiatingParticipant ?? undefined);
		const initiatingKey =
			initiating?.type === 'accessKey'
				? this.records.organizationKey(workspaceId, initiating.id, '.initiatingParticipant.id')
				: undefined;
		if (initiating?.type === 'contact')
			this.records.assertContactExists(workspaceId, initiating, '.initiatingParticipant.id');
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
		// The caller's access key always joins, and initiates unless initiatingParticipant names someone else: in
		// every Bird example (all with an initial message) it is a featured participant and the
		// initiatingParticipant (docs/bird-api.md §2.2). That it also joins when another participant initiates
		// is inferred.
		const caller = this.records.accessKey(conversation.id, key);
		const initiator = initiatingKey
			? this.records.accessKey(conversation.id, initiatingKey)
			: initiating
				? this.join(workspaceId, conversation.id, initiating, '.initiatingParticipant')
				: caller;
		conversation.initiatingParticipantId = initiator.id;
		(body.participants ?? []).forEach((ref: Body, index: number) =>
			this.join(workspaceId, conversation.id, ref, `.participants[${index}]`),
		);
		// Conversation events carry the conversation object (docs/bird-api.md §5), and Bird's documented
		// conversation.created examples include lastMessage (test/fixtures/bird/docs.conversation-created.*.json).
		// So the initial message is stored first and conversation.created announces the conversation with it; no
		// separate conversation.updated fires for that message (it is part of the creation, inferred). Its
		// <platform>.outbound follows the created event.
		const announceCreated = () =>
			this.announcements.conversation(conversation, 'conversation.created');
		if (body.initialMessage) {
			this.messaging.send(
				workspaceId,
				conversation,
				{
					...body.initialMessage,
					participantType: 'accessKey',
					participantId: key.id,
					addMissingParticipants: true,
				},
				announceCreated,
			);
		} else {
			announceCreated();
		}
		return conversation;
	}

	/** A participant named by Bird's ParticipantRef (a contact by identifier or ID, or another type by ID). */
	private join(workspaceId: string, conversationId: string, ref: Body, path: string): Participant {
		if (ref.type === 'contact') {
			const contact = this.records.findOrCreateContact(workspaceId, ref, path);
			return this.records.add(conversationId, this.records.contactFields(contact));
		}
		return this.records.add(conversationId, {
			id: ref.id,
			type: ref.type,
			status: 'active',
			displayName: this.records.displayNameOfUser(workspaceId, ref.id),
		});
	}

	updateConversation(conversation: Conversation, body: Body): Conversation {
		for (const field of ['name', 'description', 'status', 'visibility', 'accessibility'] as const) {
			if (body[field] !== undefined && body[field] !== null)
				(conversation as any)[field] = body[field];
		}
		// Attributes merge key by key (merge vs replace is not documented, docs/bird-api.md §2.5; merging loses
		// nothing a caller did not name).
		if (body.attributes !== undefined) {
			conversation.attributes =
				body.attributes === null
					? undefined
					: { ...(conversation.attributes ?? {}), ...body.attributes };
		}
		if (body.visibility === 'private' && body.accessibility === undefined)
			conversation.accessibility = 'invite-only';
		if (body.status === 'deleted') {
			this.deleteConversation(conversation);
			return conversation;
		}
		this.announcements.touch(conversation);
		return conversation;
	}

	deleteConversation(conversation: Conversation): void {
		conversation.status = 'deleted';
		conversation.updatedAt = now();
		this.store.conversationsChanged();
		this.announcements.conversation(conversation, 'conversation.deleted');
	}

	// ---- messages -----------------------------------------------------------------------------

	sendMessage(workspaceId: string, conversation: Conversation, body: Body): Message {
		return this.messaging.send(workspaceId, conversation, body);
	}

	updateMessage(
		workspaceId: string,
		conversation: Conversation,
		message: Message,
		body: Body,
	): Message {
		return this.messaging.update(workspaceId, conversation, message, body);
	}

	deleteMessage(conversation: Conversation, message: Message): void {
		this.messaging.remove(conversation, message);
	}

	/** A contact writes on a channel (simulation, see inbound.ts). */
	receiveInbound(
		workspaceId: string,
		channelId: string,
		from: Body,
		body: Body,
	): { conversation: Conversation; message: Message } {
		return receiveInbound(this.store, this.records, this.announcements, {
			workspaceId,
			channelId,
			from,
			body,
		});
	}

	/** A recipient interacts with a sent message (simulation): fires `<platform>.interaction`. */
	interact(workspaceId: string, messageId: string, type: string): Record<string, unknown> {
		const message = this.store.data.messages.find(
			(m) => m.workspaceId === workspaceId && m.id === messageId,
		);
		const conversation = message && this.store.conversation(workspaceId, message.conversationId);
		if (!message || !conversation)
			throw notFound(`Message '${messageId}' does not exist in this workspace`);
		if (!conversation.channelId)
			throw conflict(
				'NoChannel',
				'Messages of a conversation without a channel have no interactions',
			);
		return this.announcements.interaction(conversation, message, type);
	}
}
