import type { IDataObject } from 'n8n-workflow';

const obj = (value: unknown): IDataObject => (value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {});

/** Who sent the message an event is about: the message itself (channel events) or the conversation's last one. */
export function senderOf(service: string, payload: IDataObject): IDataObject {
	return service === 'channels' ? obj(payload.sender) : obj(obj(payload.lastMessage).sender);
}

export function directionOf(service: string, payload: IDataObject): 'incoming' | 'outgoing' | undefined {
	if (service === 'channels') {
		if (payload.direction === 'incoming' || payload.direction === 'outgoing') return payload.direction;
		return senderOf(service, payload).type === 'contact' ? 'incoming' : 'outgoing';
	}
	const last = obj(payload.lastMessage);
	if (!last.id) return undefined;
	return obj(last.sender).type === 'contact' ? 'incoming' : 'outgoing';
}

function textOf(body: IDataObject): string | undefined {
	const typed = obj(body[String(body.type)]);
	if (typeof typed.text === 'string') return typed.text;
	return body.type ? `${String(body.type)} message` : undefined;
}

/** The flat view of a delivery: conversation, channel, status, contact, last message, direction. */
export function simplifyEvent(event: string, service: string, payload: IDataObject): IDataObject {
	const conversationId = service === 'channels' ? payload.conversationId : payload.id;
	const participants = (Array.isArray(payload.featuredParticipants) ? payload.featuredParticipants : []) as IDataObject[];
	const contactParticipant = service === 'channels' ? (senderOf(service, payload).type === 'contact' ? senderOf(service, payload) : obj((payload.recipients as IDataObject[] | undefined)?.[0])) : participants.find((p) => p.type === 'contact') ?? {};
	const contact = obj(contactParticipant.contact);
	const last = obj(payload.lastMessage);
	return {
		event,
		conversationId,
		channelId: payload.channelId,
		status: payload.status,
		contactName: contactParticipant.displayName || obj(contactParticipant.contactAnnotation).name || undefined,
		contactIdentifier: contact.identifierValue || contactParticipant.identifierValue || undefined,
		messageId: service === 'channels' ? payload.id : last.id,
		messagePreview: service === 'channels' ? textOf(obj(payload.body)) : obj(last.preview).text,
		direction: directionOf(service, payload),
		updatedAt: payload.updatedAt,
	};
}
