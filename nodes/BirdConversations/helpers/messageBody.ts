import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { buildTemplate } from './template';
import { uploadBinaryProperty } from './upload';
import { assertNotEmpty, assertUuid, fieldError } from './validate';

interface RecipientRow {
	type?: string;
	by?: 'id' | 'identifier';
	contactId?: string;
	identifierKey?: string;
	identifierValue?: string;
}

export function conversationIdOf(context: IExecuteSingleFunctions): string {
	return assertUuid(context, 'Conversation', context.getNodeParameter('conversationId', '', { extractValue: true }));
}

/** The public media URL typed in for an image, file or GIF body. */
function mediaUrlFor(context: IExecuteSingleFunctions): string {
	const mediaUrl = assertNotEmpty(context, 'Media URL', context.getNodeParameter('mediaUrl', ''), 'Enter a public https:// URL of the file, or choose Binary Data as the media source.').trim();
	if (!/^https?:\/\//i.test(mediaUrl)) {
		throw fieldError(context, 'Media URL', `"${mediaUrl}" is not an http(s) URL`, 'Enter a full URL such as https://example.com/photo.png.');
	}
	return mediaUrl;
}

/**
 * Media Source "Binary Data": the file is uploaded with Bird's pre-signed upload, and Bird's schema for that
 * upload says the returned mediaUrl "Must be passed in the `attachments` object" (docs/bird-api.md §3.6). Of
 * Bird's bodies only text and html carry `attachments` (§3.2), text attachments requiring mediaUrl and filename;
 * so the upload goes out as a text message with the Caption as its text, whatever media type was picked.
 * (Bird's own step-3 example is cut off on its page; image.images[].mediaUrl taking an uploaded URL is untested.)
 */
async function uploadedAttachmentBody(context: IExecuteSingleFunctions, caption: string | undefined): Promise<IDataObject> {
	const property = assertNotEmpty(context, 'Binary Property', context.getNodeParameter('binaryPropertyName', 'data'), 'Enter the name of the binary property holding the file, e.g. data.');
	const media = await uploadBinaryProperty(context, conversationIdOf(context), property.trim());
	return {
		type: 'text',
		text: { text: caption ?? '', attachments: [{ mediaUrl: media.mediaUrl, filename: media.fileName, contentType: media.contentType }] },
	};
}

/** An image, file or GIF body for a public URL: Bird's schema has mediaUrl in each (docs/bird-api.md §3.2). */
function mediaBodyFromUrl(context: IExecuteSingleFunctions, type: string, mediaUrl: string, caption: string | undefined): IDataObject {
	if (type === 'image') {
		const image: IDataObject = { images: [{ mediaUrl, ...(caption ? { altText: caption } : {}) }] };
		if (caption) image.text = caption;
		return { type, image };
	}
	if (type === 'file') {
		const contentType = assertNotEmpty(context, 'File Content Type', context.getNodeParameter('fileContentType', ''), 'Enter the MIME type of the file, e.g. application/pdf.');
		const fileName = (context.getNodeParameter('fileName', '') as string) || undefined;
		const file: IDataObject = { files: [{ mediaUrl, contentType, ...(fileName ? { filename: fileName } : {}) }] };
		if (caption) file.text = caption;
		return { type, file };
	}
	const gif: IDataObject = { mediaUrl };
	if (caption) gif.text = caption;
	return { type, gif };
}

/** Builds Bird's message body union (docs/bird-api.md §3.2) from the node's message fields. */
export async function buildBody(context: IExecuteSingleFunctions, type: string): Promise<IDataObject> {
	const caption = (context.getNodeParameter('caption', '') as string) || undefined;
	switch (type) {
		case 'text':
			return { type, text: { text: assertNotEmpty(context, 'Text', context.getNodeParameter('text', ''), 'Enter the message text.') } };
		case 'html': {
			const html: IDataObject = { html: assertNotEmpty(context, 'HTML', context.getNodeParameter('html', ''), 'Enter the HTML content of the e-mail.') };
			const plain = context.getNodeParameter('text', '') as string;
			if (plain) html.text = plain;
			const subject = context.getNodeParameter('subject', '') as string;
			if (subject) html.metadata = { subject };
			return { type, html };
		}
		case 'image':
		case 'file':
		case 'gif':
			if (context.getNodeParameter('mediaSource', 'url') === 'binary') return await uploadedAttachmentBody(context, caption);
			return mediaBodyFromUrl(context, type, mediaUrlFor(context), caption);
		case 'location': {
			const latitude = Number(context.getNodeParameter('latitude', 0));
			const longitude = Number(context.getNodeParameter('longitude', 0));
			if (!(latitude >= -90 && latitude <= 90)) throw fieldError(context, 'Latitude', `${latitude} is out of range`, 'Use a value between -90 and 90.');
			if (!(longitude >= -180 && longitude <= 180)) throw fieldError(context, 'Longitude', `${longitude} is out of range`, 'Use a value between -180 and 180.');
			return {
				type,
				location: {
					coordinates: { latitude, longitude },
					location: {
						address: assertNotEmpty(context, 'Address', context.getNodeParameter('address', ''), 'Enter the street address of the location.'),
						label: assertNotEmpty(context, 'Label', context.getNodeParameter('label', ''), 'Enter a short name for the location, e.g. Main office.'),
					},
				},
			};
		}
		default:
			throw fieldError(context, 'Message Type', `"${type}" is not supported`, 'Choose one of the listed message types.');
	}
}

/** Bird's recipients (docs/bird-api.md §3.3) from the Recipients rows, each row checked and named on error. */
function recipientsFrom(context: IExecuteSingleFunctions, collection: unknown): IDataObject[] | undefined {
	const rows = (((collection ?? {}) as IDataObject).recipient ?? []) as RecipientRow[];
	if (!rows.length) return undefined;
	return rows.map((row, index) => {
		const label = `Recipients (row ${index + 1})`;
		if (row.by === 'id') return { type: row.type ?? 'to', id: assertUuid(context, `${label} Contact ID`, row.contactId) };
		return {
			type: row.type ?? 'to',
			identifierKey: assertNotEmpty(context, `${label} Identifier Key`, row.identifierKey, 'Use phonenumber or emailaddress.').trim(),
			identifierValue: assertNotEmpty(context, `${label} Identifier Value`, row.identifierValue, 'Enter the phone number or e-mail address.').trim(),
		};
	});
}

/**
 * Bird's e-mail `sender` requires `name` (schema MessageSender on
 * https://docs.bird.com/api/conversations-api/api-reference/conversations-management/create-conversation), so an
 * address or reply-to without one is refused here rather than by Bird.
 */
function emailSenderFrom(context: IExecuteSingleFunctions, extra: IDataObject): IDataObject | undefined {
	const name = String(extra.senderName ?? '').trim();
	const email = String(extra.senderEmail ?? '').trim();
	const replyTo = String(extra.replyToAddress ?? '').trim();
	if (!name && !email && !replyTo) return undefined;
	if (!name) throw fieldError(context, 'E-Mail Sender Name', 'is empty', 'Bird needs a From name when an e-mail sender address or reply-to is set. Add E-Mail Sender Name.');
	return { name, ...(email ? { email } : {}), ...(replyTo ? { emailReplyToAddress: replyTo } : {}) };
}

/**
 * The request body of Message → Send (docs/bird-api.md §3.3), for the item `this` stands for. The coded Send
 * operation passes the conversation ID it already read, so the parameter's expression is evaluated once.
 */
export async function buildSendMessageBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions, conversationId?: string): Promise<IHttpRequestOptions> {
	if (conversationId === undefined) conversationIdOf(this);
	const senderType = this.getNodeParameter('senderType', 'accessKey') as string;
	const senderId = assertNotEmpty(
		this,
		'Sender ID',
		this.getNodeParameter('senderId', ''),
		senderType === 'accessKey'
			? 'Enter the ID (not the secret) of your Bird access key, shown next to the key in Bird under Settings → Security → Access keys.'
			: 'Enter the ID of the sending participant.',
	).trim();
	const type = this.getNodeParameter('messageType', 'text') as string;
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = {
		participantType: senderType,
		participantId: senderId,
		// Bird recommends it, and without it a sender that is not yet a participant fails (docs/bird-api.md §3.3).
		addMissingParticipants: extra.addMissingParticipants !== false,
	};
	// Every cheap check runs before the content is built: building a media body may upload a file,
	// and a typo in a recipient must not cost an upload.
	const recipients = recipientsFrom(this, this.getNodeParameter('recipients', {}));
	const replyToMessageId = extra.replyToMessageId ? assertUuid(this, 'Reply To Message ID', extra.replyToMessageId) : undefined;
	const sender = emailSenderFrom(this, extra);
	if (type === 'template') body.template = buildTemplate(this);
	else body.body = await buildBody(this, type);
	if (recipients) body.recipients = recipients;
	if (extra.draft === true) body.draft = true;
	if (extra.reference) body.reference = String(extra.reference);
	if (replyToMessageId) body.replyToMessageId = replyToMessageId;
	if (sender) body.sender = sender;
	return { ...requestOptions, body };
}

/** A moment given as text, epoch milliseconds, a Date or a Luxon DateTime (what `$now` and friends return). */
function instantOf(value: unknown): Date {
	if (value instanceof Date) return value;
	if (typeof value === 'number') return new Date(value);
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return new Date((value as { toMillis: () => number }).toMillis());
	}
	return new Date(String(value ?? '').trim());
}

/**
 * preSend for Message → Get Many: Filters → Created After becomes Bird's `dateFrom`, an ISO 8601 instant.
 * Done here rather than as a routing expression, where `new Date($value).toISOString()` threw a bare
 * RangeError ("Invalid time value") for input such as "yesterday", naming neither the field nor the fix.
 */
export async function buildMessageListQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	if (filters.dateFrom === undefined || filters.dateFrom === null) return requestOptions;
	const fix = 'Pick a date and time, or enter one such as 2024-11-28T10:00:00Z, or an expression such as {{ $now.minus(1, "day") }}. Remove the filter to list every message.';
	// An expression that resolves to nothing (e.g. a missing field) must not quietly list every message.
	if (typeof filters.dateFrom === 'string' && !filters.dateFrom.trim()) throw fieldError(this, 'Filters → Created After', 'is empty', fix);
	const date = instantOf(filters.dateFrom);
	if (Number.isNaN(date.getTime())) {
		throw fieldError(this, 'Filters → Created After', `"${String(filters.dateFrom)}" is not a valid date`, fix);
	}
	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), dateFrom: date.toISOString() } };
}

/** preSend for Message → Update: edit a draft's text or HTML, recipients or reply-to, and/or publish it (docs/bird-api.md §3.5). */
export async function buildUpdateMessageBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	conversationIdOf(this);
	assertUuid(this, 'Message ID', this.getNodeParameter('messageId', ''));
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.html !== undefined) {
		// An e-mail draft keeps its HTML body; Text, when given too, is its plain-text alternative.
		const html: IDataObject = { html: assertNotEmpty(this, 'HTML', fields.html, 'Enter the new HTML content, or remove the field.') };
		if (typeof fields.text === 'string' && fields.text.trim()) html.text = fields.text;
		if (typeof fields.subject === 'string' && fields.subject.trim()) html.metadata = { subject: fields.subject.trim() };
		body.body = { type: 'html', html };
	} else if (typeof fields.subject === 'string' && fields.subject.trim()) {
		throw fieldError(this, 'Subject', 'is set without HTML', 'The subject belongs to an HTML e-mail body: add HTML under Update Fields, or remove Subject.');
	} else if (fields.text !== undefined) {
		body.body = { type: 'text', text: { text: assertNotEmpty(this, 'Text', fields.text, 'Enter the new text, or remove the field.') } };
	}
	const recipients = recipientsFrom(this, fields.recipients);
	if (recipients) body.recipients = recipients;
	if (fields.replyToMessageId) body.replyToMessageId = assertUuid(this, 'Reply To Message ID', fields.replyToMessageId);
	if (this.getNodeParameter('publish', true) === true) body.draft = false;
	if (Object.keys(body).length === 0) {
		throw fieldError(this, 'Update Fields', 'nothing to change', 'Turn on Publish, or add a field under Update Fields.');
	}
	return { ...requestOptions, body };
}
