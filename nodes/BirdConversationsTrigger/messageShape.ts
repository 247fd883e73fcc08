import type { IDataObject } from 'n8n-workflow';

import { asObject, asObjects, nonBlank } from '../shared/readers';

/**
 * Reading the message an event is about. Channel events (service `channels`) carry Bird's channel message
 * (docs/bird-api.md §6): a customer's message has `sender.contact` and `receiver.connector`, a message the
 * channel sent has `sender.connector` and `receiver.contacts`, and `direction` says which. Conversation
 * events carry the conversation, whose `lastMessage.sender` is a participant with a `type`. Payloads in
 * the Conversations message view (a participant `sender`, `recipients`, `conversationId`) are read too,
 * so the trigger does not depend on which of the two views Bird puts in a channel event.
 */

export const obj = asObject;
const objects = asObjects;
const text = nonBlank;

export type Direction = 'incoming' | 'outgoing';

/** A contact as the trigger needs it: enough to name it and to find its conversations. */
export interface ContactRef {
	id?: string;
	identifierKey?: string;
	identifierValue?: string;
	name?: string;
}

/**
 * Accepts Bird's three spellings of a contact: a channel message's contact (`identifierKey` and
 * `annotations.name` on the object), a participant (`displayName`, identifiers under `contact`) and a
 * message recipient (`contactAnnotation.name`).
 */
export function contactRefOf(value: IDataObject): ContactRef {
	const nested = obj(value.contact);
	return {
		id: text(value.id),
		identifierKey: text(value.identifierKey) ?? text(nested.identifierKey),
		identifierValue:
			text(value.identifierValue) ??
			text(nested.identifierValue) ??
			text(value.platformAddress) ??
			text(nested.platformAddress),
		name:
			text(obj(value.annotations).name) ??
			text(value.displayName) ??
			text(obj(value.contactAnnotation).name),
	};
}

function channelDirection(payload: IDataObject): Direction | undefined {
	if (payload.direction === 'incoming' || payload.direction === 'outgoing')
		return payload.direction;
	const sender = obj(payload.sender);
	if (Object.keys(obj(sender.contact)).length && !sender.type) return 'incoming';
	if (Object.keys(obj(sender.connector)).length) return 'outgoing';
	if (sender.type === 'contact') return 'incoming';
	return typeof sender.type === 'string' ? 'outgoing' : undefined;
}

export function directionOf(service: string, payload: IDataObject): Direction | undefined {
	if (service === 'channels') return channelDirection(payload);
	const last = obj(payload.lastMessage);
	if (!last.id) return undefined;
	return obj(last.sender).type === 'contact' ? 'incoming' : 'outgoing';
}

/** The customer a channel message is from (incoming) or to (outgoing: the first receiver). */
export function channelContactOf(payload: IDataObject): ContactRef | undefined {
	const sender = obj(payload.sender);
	if (!sender.type && Object.keys(obj(sender.contact)).length)
		return contactRefOf(obj(sender.contact));
	const [receiver] = objects(obj(payload.receiver).contacts);
	if (receiver) return contactRefOf(receiver);
	if (sender.type === 'contact') return contactRefOf(sender);
	const [recipient] = objects(payload.recipients);
	return recipient ? contactRefOf(recipient) : undefined;
}

/** The customer of a conversation event: its contact among the featured participants. */
function conversationContactOf(payload: IDataObject): ContactRef | undefined {
	const contact = objects(payload.featuredParticipants).find((p) => p.type === 'contact');
	return contact ? contactRefOf(contact) : undefined;
}

export function contactOf(service: string, payload: IDataObject): ContactRef | undefined {
	return service === 'channels' ? channelContactOf(payload) : conversationContactOf(payload);
}

/**
 * Whether an access key sent the message (optionally: this access key). Conversation events name the
 * sender participant, `type: accessKey` with its ID. A channel message in Bird's documented view names
 * only the channel's connector as sender, not who asked Bird to send it, so it never counts here.
 */
export function sentByAccessKey(service: string, payload: IDataObject, accessKeyId = ''): boolean {
	const sender =
		service === 'channels' ? obj(payload.sender) : obj(obj(payload.lastMessage).sender);
	if (sender.type !== 'accessKey') return false;
	return !accessKeyId || sender.id === accessKeyId;
}

/** The conversation a channel message names itself, if any (the Conversations message view does). */
export function conversationIdIn(payload: IDataObject): string | undefined {
	return text(payload.conversationId);
}

function previewOf(body: IDataObject): string | undefined {
	const typed = obj(body[String(body.type)]);
	if (typeof typed.text === 'string') return typed.text;
	return body.type ? `${String(body.type)} message` : undefined;
}

/**
 * The flat view of a delivery: conversation, channel, status, contact, message and direction. `contactId`
 * is what a reply names as its recipient, as Bird's Conversations quickstart does (docs/bird-api.md §5).
 */
export function simplifyEvent(
	event: string,
	service: string,
	payload: IDataObject,
	conversationId?: string,
): IDataObject {
	const contact = contactOf(service, payload);
	const last = obj(payload.lastMessage);
	const channelEvent = service === 'channels';
	return {
		event,
		conversationId: channelEvent ? (conversationIdIn(payload) ?? conversationId) : payload.id,
		channelId: payload.channelId,
		status: payload.status,
		contactId: contact?.id,
		contactName: contact?.name,
		contactIdentifier: contact?.identifierValue,
		messageId: channelEvent ? payload.id : last.id,
		messagePreview: channelEvent ? previewOf(obj(payload.body)) : obj(last.preview).text,
		direction: directionOf(service, payload),
		reason: channelEvent ? text(payload.reason) : undefined,
		updatedAt: payload.updatedAt,
	};
}
