import type { Announcements } from './announcements';
import type { FailureStatus } from './channelMessages';
import { OUTGOING_STEPS } from './channelMessages';
import { BirdHttpError, conflict, invalidPayload } from './errors';
import type { ParticipantRecords } from './participantRecords';
import type { Conversation, Message, MessageStatus, Participant, Store } from './store';
import { newId, now } from './store';
import { participantSummary } from './views';

type Body = Record<string, any>;
type Step = { status: MessageStatus; reason?: string };

/**
 * Conversation messages (docs/bird-api.md §3): who sends, who receives, what a message does to its
 * conversation, and the status lifecycle of an outgoing message with its `<platform>.outbound` events.
 */
export class Messaging {
	private readonly timers = new Set<NodeJS.Timeout>();

	/**
	 * Simulation: recipients whose messages fail, by identifier value. A message to one of them goes
	 * accepted → processing, then `sending_failed`, or sent → `delivery_failed`, with the reason given.
	 */
	readonly undeliverable = new Map<string, { status: FailureStatus; reason: string }>();

	constructor(
		private readonly store: Store,
		private readonly records: ParticipantRecords,
		private readonly announcements: Announcements,
		private readonly options: { statusProgressionMs: number },
	) {}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.undeliverable.clear();
	}

	assertReferenceFree(workspaceId: string, reference: string, path: string): void {
		if (!reference) return;
		if (
			this.store.data.messages.some(
				(m) => m.workspaceId === workspaceId && m.reference === reference,
			)
		) {
			throw new BirdHttpError(
				409,
				'ResourceAlreadyExists',
				`The resource already exists: a message with reference '${reference}' exists in this workspace (${path})`,
			);
		}
	}

	private senderParticipant(
		workspaceId: string,
		conversation: Conversation,
		body: Body,
	): Participant {
		// Checked first, so an unknown key is refused even where a participant of that ID was stored.
		const senderKey =
			body.participantType === 'accessKey'
				? this.records.organizationKey(workspaceId, body.participantId, '.participantId')
				: undefined;
		const existing = this.store
			.participantsOf(conversation.id)
			.find((p) => p.id === body.participantId && p.type === body.participantType);
		if (existing) return existing;
		if (!body.addMissingParticipants) {
			throw invalidPayload({
				'.participantId': [
					`Participant '${body.participantId}' (${body.participantType}) is not part of the conversation; set addMissingParticipants to true to add it`,
				],
			});
		}
		if (senderKey) return this.records.accessKey(conversation.id, senderKey);
		if (body.participantType === 'contact') {
			const contact = this.records.findOrCreateContact(
				workspaceId,
				{ id: body.participantId },
				'.participantId',
			);
			return this.records.add(conversation.id, this.records.contactFields(contact));
		}
		return this.records.add(conversation.id, {
			id: body.participantId,
			type: body.participantType,
			status: 'active',
			displayName: this.records.displayNameOfUser(workspaceId, body.participantId),
		});
	}

	private resolveRecipients(
		workspaceId: string,
		conversation: Conversation,
		recipients: Body[] | undefined,
		addMissing: boolean,
	): Array<Record<string, unknown>> {
		const refs: Body[] = recipients?.length
			? recipients
			: this.store
					.participantsOf(conversation.id)
					.filter((p) => p.type === 'contact')
					.map((p) => ({ type: 'to', id: p.id }));
		return refs.map((ref, index) => {
			const contact = this.records.findOrCreateContact(workspaceId, ref, `.recipients[${index}]`);
			if (addMissing) this.records.add(conversation.id, this.records.contactFields(contact));
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
	send(
		workspaceId: string,
		conversation: Conversation,
		body: Body,
		announce?: () => void,
	): Message {
		if (conversation.status === 'closed') {
			throw conflict(
				'ConversationClosed',
				'Messages cannot be sent to a closed conversation; reopen it by setting its status to active',
			);
		}
		if (body.reference) this.assertReferenceFree(workspaceId, body.reference, '.reference');
		if (body.replyToMessageId && !this.store.message(conversation.id, body.replyToMessageId)) {
			throw invalidPayload({
				'.replyToMessageId': [
					`Message '${body.replyToMessageId}' does not exist in this conversation`,
				],
			});
		}
		this.records.assertContactsExist(workspaceId, body.recipients, '.recipients');
		const sender = this.senderParticipant(workspaceId, conversation, body);
		const recipients = this.resolveRecipients(
			workspaceId,
			conversation,
			body.recipients,
			body.addMissingParticipants === true,
		);
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
			this.announcements.touch(conversation, announce);
		} else {
			this.dispatchOutgoing(conversation, message, announce);
		}
		return message;
	}

	/** A message leaves: the conversation's last message changes and the status starts advancing. */
	private dispatchOutgoing(
		conversation: Conversation,
		message: Message,
		announce?: () => void,
	): void {
		conversation.lastMessageId = message.id;
		conversation.lastMessageOutgoingAt = message.createdAt;
		this.announcements.touch(conversation, announce);
		this.announcements.channelMessage(conversation, message, 'outbound');
		this.advanceStatus(conversation, message, this.stepsAfterAccepted(message));
	}

	/** Bird's lifecycle after `accepted` (docs/bird-api.md §6.2), or the failure this recipient simulates. */
	private stepsAfterAccepted(message: Message): Step[] {
		const failure = message.recipients
			.map((r) => this.undeliverable.get(String(r.identifierValue)))
			.find(Boolean);
		const [, processing, sent, delivered] = OUTGOING_STEPS;
		if (failure?.status === 'sending_failed') return [{ status: processing }, failure];
		if (failure?.status === 'delivery_failed')
			return [{ status: processing }, { status: sent }, failure];
		return [{ status: processing }, { status: sent }, { status: delivered }];
	}

	private advanceStatus(conversation: Conversation, message: Message, steps: Step[]): void {
		if (this.options.statusProgressionMs <= 0 || steps.length === 0) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.store.message(message.conversationId, message.id)) return;
			const [step, ...rest] = steps;
			message.status = step.status;
			message.updatedAt = now();
			this.announcements.channelMessage(conversation, message, 'outbound', step.reason);
			this.advanceStatus(conversation, message, rest);
		}, this.options.statusProgressionMs);
		timer.unref();
		this.timers.add(timer);
	}

	update(workspaceId: string, conversation: Conversation, message: Message, body: Body): Message {
		if (!message.draft) {
			const onlyStatus = Object.keys(body).every((k) => k === 'status');
			if (!onlyStatus)
				throw conflict(
					'ConflictingState',
					'Only draft messages can be changed; this message was already sent',
				);
		}
		if (body.draft === true && !message.draft)
			throw conflict('ConflictingState', 'A sent message cannot become a draft again');
		// Every refusal comes before the first change, so a 409/422 leaves the draft as it was.
		const sending = message.draft && body.draft === false;
		if (sending && conversation.status === 'closed')
			throw conflict('ConversationClosed', 'Messages cannot be sent to a closed conversation');
		this.records.assertContactsExist(workspaceId, body.recipients, '.recipients');
		if (body.body) message.body = body.body;
		if (body.recipients)
			message.recipients = this.resolveRecipients(
				workspaceId,
				conversation,
				body.recipients,
				body.addMissingParticipants === true,
			);
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

	remove(conversation: Conversation, message: Message): void {
		this.store.removeMessage(message);
		if (conversation.lastMessageId === message.id) {
			const remaining = this.store.messagesOf(conversation.id).filter((m) => !m.draft);
			conversation.lastMessageId = remaining[remaining.length - 1]?.id;
		}
		this.announcements.touch(conversation);
	}
}
