import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { conversationIdOf } from './messageBody';
import { recipientsFrom } from './recipients';
import { assertNotEmpty, assertUuid, fieldError } from './validate';

/** preSend for Message → Update: edit a draft's text or HTML, recipients or reply-to, and/or publish it (docs/bird-api.md §3.5). */
export async function buildUpdateMessageBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	conversationIdOf(this);
	assertUuid(this, 'Message ID', this.getNodeParameter('messageId', ''));
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.html !== undefined) {
		// An e-mail draft keeps its HTML body; Text, when given too, is its plain-text alternative.
		const html: IDataObject = {
			html: assertNotEmpty(
				this,
				'HTML',
				fields.html,
				'Enter the new HTML content, or remove the field.',
			),
		};
		if (typeof fields.text === 'string' && fields.text.trim()) html.text = fields.text;
		if (typeof fields.subject === 'string' && fields.subject.trim())
			html.metadata = { subject: fields.subject.trim() };
		body.body = { type: 'html', html };
	} else if (typeof fields.subject === 'string' && fields.subject.trim()) {
		throw fieldError(
			this,
			'Subject',
			'is set without HTML',
			'The subject belongs to an HTML e-mail body: add HTML under Update Fields, or remove Subject.',
		);
	} else if (fields.text !== undefined) {
		body.body = {
			type: 'text',
			text: {
				text: assertNotEmpty(this, 'Text', fields.text, 'Enter the new text, or remove the field.'),
			},
		};
	}
	const recipients = recipientsFrom(this, fields.recipients);
	if (recipients) body.recipients = recipients;
	if (fields.replyToMessageId)
		body.replyToMessageId = assertUuid(this, 'Reply To Message ID', fields.replyToMessageId);
	if (this.getNodeParameter('publish', true) === true) body.draft = false;
	// Deliberate duplicate: Conversation → Update refuses an empty body the same way, with its own problem and fix.
	if (Object.keys(body).length === 0) {
		throw fieldError(
			this,
			'Update Fields',
			'nothing to change',
			'Turn on Publish, or add a field under Update Fields.',
		);
	}
	return { ...requestOptions, body };
}
