import type { IDataObject, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { optionChosen } from './options';
import type { BirdItemFunctions } from '../../shared/context';

type Json = IDataObject;

const obj = (value: unknown): Json =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

function participantLabel(p: Json): Json {
	const contact = obj(p.contact);
	return {
		id: p.id,
		type: p.type,
		name: p.displayName || undefined,
		identifier: contact.identifierValue || undefined,
	};
}

/** The flat conversation view users asked for: who, where, what was said last, and when. */
export function simplifyConversation(conversation: Json): Json {
	const last = obj(conversation.lastMessage);
	const sender = obj(last.sender);
	const participants = (
		Array.isArray(conversation.featuredParticipants) ? conversation.featuredParticipants : []
	) as Json[];
	const contact = participants.find((p) => p.type === 'contact');
	return {
		id: conversation.id,
		name: conversation.name,
		status: conversation.status,
		channelId: conversation.channelId,
		contactName: contact?.displayName || undefined,
		contactIdentifier: obj(contact?.contact).identifierValue || undefined,
		lastMessageId: last.id,
		lastMessageType: last.type,
		lastMessagePreview: obj(last.preview).text,
		lastMessageDirection: last.id
			? sender.type === 'contact'
				? 'incoming'
				: 'outgoing'
			: undefined,
		lastMessageSender: last.id ? participantLabel(sender) : undefined,
		participants: participants.map(participantLabel),
		attributes: conversation.attributes,
		createdAt: conversation.createdAt,
		updatedAt: conversation.updatedAt,
		lastMessageIncomingAt: conversation.lastMessageIncomingAt,
		lastMessageOutgoingAt: conversation.lastMessageOutgoingAt,
	};
}

/** A readable preview of any message body or template. */
export function messagePreview(message: Json): string | undefined {
	const body = obj(message.body);
	const template = obj(message.template);
	if (template.projectId) return `Template ${template.name ?? template.projectId}`;
	const typed = obj(body[String(body.type)]);
	switch (body.type) {
		case 'text':
			return typed.text as string;
		case 'html':
			return (typed.text as string) ?? String(typed.html ?? '').replace(/<[^>]+>/g, '');
		case 'image':
		case 'file':
			return (typed.text as string) ?? `${body.type} message`;
		case 'location':
			return String(obj(typed.location).label ?? obj(typed.location).address ?? 'location');
		default:
			return body.type ? `${body.type} message` : undefined;
	}
}

/**
 * The subject of an e-mail (or of any body that carries one): Bird keeps it in the typed body's metadata,
 * e.g. body.html.metadata.subject (schema `channels.messages.metadata.html` of the body union, docs/bird-api.md
 * §3.2, on https://docs.bird.com/api/conversations-api/api-reference/conversations-management/create-conversation),
 * not on the message itself.
 */
export function messageSubject(message: Json): string | undefined {
	const body = obj(message.body);
	const subject = obj(obj(body[String(body.type)]).metadata).subject;
	return typeof subject === 'string' && subject ? subject : undefined;
}

/** Files attached to a text or HTML body (how Binary Data uploads are sent), as name, URL and type; else undefined. */
function messageAttachments(message: Json): Json[] | undefined {
	const body = obj(message.body);
	const attachments = obj(body[String(body.type)]).attachments;
	if (!Array.isArray(attachments) || !attachments.length) return undefined;
	return (attachments as Json[]).map((a) => ({
		filename: a.filename,
		mediaUrl: a.mediaUrl,
		contentType: a.contentType,
	}));
}

/** The flat message view: id, channel, direction, status, what it said, who sent it, to whom, when. */
export function simplifyMessage(message: Json): Json {
	const sender = obj(message.sender);
	const recipients = (Array.isArray(message.recipients) ? message.recipients : []) as Json[];
	return {
		id: message.id,
		conversationId: message.conversationId,
		// Which channel (WhatsApp number, e-mail domain…) it went through: needed to answer on the same one.
		channelId: message.channelId,
		status: message.status,
		direction: message.source === 'channels' || sender.type === 'contact' ? 'incoming' : 'outgoing',
		type: message.template ? 'template' : obj(message.body).type,
		subject: messageSubject(message),
		text: messagePreview(message),
		attachments: messageAttachments(message),
		draft: message.draft,
		reference: message.reference || undefined,
		sender: participantLabel(sender),
		recipients: recipients.map((r) => ({
			type: r.type,
			id: r.id,
			identifier: r.identifierValue,
			name: obj(r.contactAnnotation).name,
		})),
		createdAt: message.createdAt,
		updatedAt: message.updatedAt,
	};
}

/** The items with `simplify` applied to each one's JSON, when Options → Simplify is on. */
function simplified(
	context: BirdItemFunctions,
	items: INodeExecutionData[],
	simplify: (json: Json) => Json,
): INodeExecutionData[] {
	if (!optionChosen(context, 'simplify')) return items;
	return items.map((item) => ({ ...item, json: simplify(item.json) }));
}

// Deliberate duplicate: the two postReceive functions below share n8n's signature and nothing else; each is the
// named function its operations' routing lists.
/** postReceive: applies the conversation Simplify option. */
export async function simplifyConversationItems(
	this: BirdItemFunctions,
	items: INodeExecutionData[],
	_response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return simplified(this, items, simplifyConversation);
}

/** postReceive: applies the message Simplify option. */
export async function simplifyMessageItems(
	this: BirdItemFunctions,
	items: INodeExecutionData[],
	_response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return simplified(this, items, simplifyMessage);
}

/** postReceive for DELETE: Bird answers 204 with no body, so say what was deleted. */
export async function deletedResult(
	this: BirdItemFunctions,
	_items: INodeExecutionData[],
	_response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const id = (name: string) => {
		try {
			return this.getNodeParameter(name, undefined, { extractValue: true }) as string | undefined;
		} catch {
			return undefined;
		}
	};
	const resource = id('resource');
	const deletedId =
		resource === 'message'
			? id('messageId')
			: resource === 'participant'
				? id('participantId')
				: id('conversationId');
	return [{ json: { deleted: true, resource, id: deletedId } }];
}
