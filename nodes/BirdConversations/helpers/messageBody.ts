import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { buildTemplate } from './template';
import { recipientsFrom } from './recipients';
import { uploadBinaryProperty } from './upload';
import { assertUuid, fieldError, requiredText } from './validate';
import type { BirdItemFunctions } from '../../shared/context';

export function conversationIdOf(context: BirdItemFunctions): string {
	return assertUuid(
		context,
		'Conversation',
		context.getNodeParameter('conversationId', '', { extractValue: true }),
	);
}

/** The public media URL typed in for an image, file or GIF body. */
function mediaUrlFor(context: BirdItemFunctions): string {
	const mediaUrl = requiredText(
		context,
		'mediaUrl',
		'Media URL',
		'Enter a public https:// URL of the file, or choose Binary Data as the media source.',
	).trim();
	if (!/^https?:\/\//i.test(mediaUrl)) {
		throw fieldError(
			context,
			'Media URL',
			`"${mediaUrl}" is not an http(s) URL`,
			'Enter a full URL such as https://example.com/photo.png.',
		);
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
async function uploadedAttachmentBody(
	context: BirdItemFunctions,
	caption: string | undefined,
): Promise<IDataObject> {
	const property = requiredText(
		context,
		'binaryPropertyName',
		'Binary Property',
		'Enter the name of the binary property holding the file, e.g. data.',
		'data',
	);
	const media = await uploadBinaryProperty(context, conversationIdOf(context), property.trim());
	return {
		type: 'text',
		text: {
			text: caption ?? '',
			attachments: [
				{ mediaUrl: media.mediaUrl, filename: media.fileName, contentType: media.contentType },
			],
		},
	};
}

/** An image, file or GIF body for a public URL: Bird's schema has mediaUrl in each (docs/bird-api.md §3.2). */
function mediaBodyFromUrl(
	context: BirdItemFunctions,
	type: string,
	mediaUrl: string,
	caption: string | undefined,
): IDataObject {
	if (type === 'image') {
		const image: IDataObject = { images: [{ mediaUrl, ...(caption ? { altText: caption } : {}) }] };
		if (caption) image.text = caption;
		return { type, image };
	}
	if (type === 'file') {
		const contentType = requiredText(
			context,
			'fileContentType',
			'File Content Type',
			'Enter the MIME type of the file, e.g. application/pdf.',
		);
		const fileName = (context.getNodeParameter('fileName', '') as string) || undefined;
		const file: IDataObject = {
			files: [{ mediaUrl, contentType, ...(fileName ? { filename: fileName } : {}) }],
		};
		if (caption) file.text = caption;
		return { type, file };
	}
	const gif: IDataObject = { mediaUrl };
	if (caption) gif.text = caption;
	return { type, gif };
}

/** Latitude or Longitude as a number from -limit to limit (a non-number is out of range too). */
function coordinate(
	context: BirdItemFunctions,
	field: string,
	parameter: string,
	limit: number,
): number {
	const value = Number(context.getNodeParameter(parameter, 0));
	if (!(value >= -limit && value <= limit))
		throw fieldError(
			context,
			field,
			`${value} is out of range`,
			`Use a value between -${limit} and ${limit}.`,
		);
	return value;
}

/** Builds Bird's message body union (docs/bird-api.md §3.2) from the node's message fields. */
export async function buildBody(context: BirdItemFunctions, type: string): Promise<IDataObject> {
	const caption = (context.getNodeParameter('caption', '') as string) || undefined;
	switch (type) {
		case 'text':
			return {
				type,
				text: {
					text: requiredText(context, 'text', 'Text', 'Enter the message text.'),
				},
			};
		case 'html': {
			const html: IDataObject = {
				html: requiredText(context, 'html', 'HTML', 'Enter the HTML content of the e-mail.'),
			};
			const plain = context.getNodeParameter('text', '') as string;
			if (plain) html.text = plain;
			const subject = context.getNodeParameter('subject', '') as string;
			if (subject) html.metadata = { subject };
			return { type, html };
		}
		case 'image':
		case 'file':
		case 'gif':
			if (context.getNodeParameter('mediaSource', 'url') === 'binary')
				return await uploadedAttachmentBody(context, caption);
			return mediaBodyFromUrl(context, type, mediaUrlFor(context), caption);
		case 'location': {
			const latitude = coordinate(context, 'Latitude', 'latitude', 90);
			const longitude = coordinate(context, 'Longitude', 'longitude', 180);
			return {
				type,
				location: {
					coordinates: { latitude, longitude },
					location: {
						address: requiredText(
							context,
							'address',
							'Address',
							'Enter the street address of the location.',
						),
						label: requiredText(
							context,
							'label',
							'Label',
							'Enter a short name for the location, e.g. Main office.',
						),
					},
				},
			};
		}
		default:
			throw fieldError(
				context,
				'Message Type',
				`"${type}" is not supported`,
				'Choose one of the listed message types.',
			);
	}
}

/**
 * Bird's e-mail `sender` requires `name` (schema MessageSender on
 * https://docs.bird.com/api/conversations-api/api-reference/conversations-management/create-conversation), so an
 * address or reply-to without one is refused here rather than by Bird.
 */
function emailSenderFrom(context: BirdItemFunctions, extra: IDataObject): IDataObject | undefined {
	const name = String(extra.senderName ?? '').trim();
	const email = String(extra.senderEmail ?? '').trim();
	const replyTo = String(extra.replyToAddress ?? '').trim();
	if (!name && !email && !replyTo) return undefined;
	if (!name)
		throw fieldError(
			context,
			'E-Mail Sender Name',
			'is empty',
			'Bird needs a From name when an e-mail sender address or reply-to is set. Add E-Mail Sender Name.',
		);
	return {
		name,
		...(email ? { email } : {}),
		...(replyTo ? { emailReplyToAddress: replyTo } : {}),
	};
}

/**
 * The request body of Message → Send (docs/bird-api.md §3.3), for the item `this` stands for. The coded Send
 * operation passes the conversation ID it already read, so the parameter's expression is evaluated once.
 */
export async function buildSendMessageBody(
	this: BirdItemFunctions,
	requestOptions: IHttpRequestOptions,
	conversationId?: string,
): Promise<IHttpRequestOptions> {
	if (conversationId === undefined) conversationIdOf(this);
	const senderType = this.getNodeParameter('senderType', 'accessKey') as string;
	const senderId = requiredText(
		this,
		'senderId',
		'Sender ID',
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
	const replyToMessageId = extra.replyToMessageId
		? assertUuid(this, 'Reply To Message ID', extra.replyToMessageId)
		: undefined;
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
