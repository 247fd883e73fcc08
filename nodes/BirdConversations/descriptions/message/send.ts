import type { INodeProperties } from 'n8n-workflow';

import {
	COORDINATE_PRECISION,
	ROWS_HTML,
	ROWS_SHORT_TEXT,
	ROWS_TEXT,
} from '../../../shared/constants';
import type { Show } from '../common';
import { fieldCollection } from '../common';
import { recipientRows } from '../recipientRows';
import { templateFields } from '../templateFields';
import { mediaFields } from './sendMedia';

/**
 * Message → Send: sender, content by Message Type, recipients and extras (docs/bird-api.md §3.2, §3.3). The body
 * is built by buildSendMessageBody (helpers/messageBody.ts), called by the coded operation (actions/sendMessages.ts)
 * and, in the AI-tool variant, as Send's routing preSend.
 */
export function sendFields(show: Show): INodeProperties[] {
	const sendShow = (...messageType: string[]) => ({ ...show, messageType });
	return [
		{
			displayName: 'Sender Type',
			name: 'senderType',
			type: 'options',
			default: 'accessKey',
			description: 'Who sends the message. Usually your access key.',
			displayOptions: { show },
			options: [
				{ name: 'Access Key', value: 'accessKey' },
				{ name: 'Contact', value: 'contact' },
				{ name: 'Flow', value: 'flow' },
				{ name: 'User', value: 'user' },
			],
		},
		{
			displayName: 'Sender ID',
			name: 'senderId',
			type: 'string',
			required: true,
			default: '',
			description:
				'For an access key: its ID (not the secret), shown in Bird under Settings → Security → Access keys. In a trigger workflow, the access key participant ID is in the conversation’s participants.',
			displayOptions: { show },
		},
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			default: 'text',
			displayOptions: { show },
			options: [
				{ name: 'File', value: 'file' },
				{ name: 'GIF', value: 'gif' },
				{ name: 'HTML (E-Mail)', value: 'html' },
				{ name: 'Image', value: 'image' },
				{ name: 'Location', value: 'location' },
				{
					name: 'Template',
					value: 'template',
					description: 'An approved Bird Studio template (needed to start WhatsApp conversations)',
				},
				{ name: 'Text', value: 'text' },
			],
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: ROWS_TEXT },
			required: true,
			default: '',
			displayOptions: { show: sendShow('text') },
		},
		{
			displayName: 'HTML',
			name: 'html',
			type: 'string',
			typeOptions: { rows: ROWS_HTML },
			required: true,
			default: '',
			displayOptions: { show: sendShow('html') },
		},
		{
			displayName: 'Plain Text Alternative',
			name: 'text',
			type: 'string',
			typeOptions: { rows: ROWS_SHORT_TEXT },
			default: '',
			displayOptions: { show: sendShow('html') },
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			displayOptions: { show: sendShow('html') },
		},
		...mediaFields(sendShow),
		...locationFields(sendShow('location')),
		...templateFields(sendShow('template')),
		{ ...recipientRows, displayOptions: { show } },
		sendAdditionalFields(show),
	];
}

/** Message Type "Location": Bird's location body, coordinates plus address and label (§3.2). */
function locationFields(show: Record<string, string[]>): INodeProperties[] {
	const coordinate = (displayName: string, name: string, description: string): INodeProperties => ({
		displayName,
		name,
		description,
		type: 'number',
		typeOptions: { numberPrecision: COORDINATE_PRECISION },
		default: 0,
		displayOptions: { show },
	});
	return [
		coordinate('Latitude', 'latitude', 'Degrees north of the equator, from -90 to 90'),
		coordinate('Longitude', 'longitude', 'Degrees east of Greenwich, from -180 to 180'),
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			required: true,
			default: '',
			description: 'The street address of the location',
			displayOptions: { show },
		},
		{
			displayName: 'Label',
			name: 'label',
			type: 'string',
			required: true,
			default: '',
			description: 'A short name for the location, e.g. Main office',
			displayOptions: { show },
		},
	];
}

function sendAdditionalFields(show: Show): INodeProperties {
	return fieldCollection('additionalFields', show, [
		{
			displayName: 'Add Missing Participants',
			name: 'addMissingParticipants',
			type: 'boolean',
			default: true,
			description:
				'Whether Bird adds the sender and recipients to the conversation when they are not in it yet',
		},
		{
			displayName: 'Draft',
			name: 'draft',
			type: 'boolean',
			default: false,
			description: 'Whether to save the message as a draft instead of sending it',
		},
		{
			displayName: 'E-Mail Reply-To',
			name: 'replyToAddress',
			type: 'string',
			default: '',
			placeholder: 'support@example.com',
		},
		{ displayName: 'E-Mail Sender Address', name: 'senderEmail', type: 'string', default: '' },
		{
			displayName: 'E-Mail Sender Name',
			name: 'senderName',
			type: 'string',
			default: '',
			description: 'The From display name of an e-mail',
		},
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			description: 'Your own ID for the message, unique within the workspace',
		},
		{
			displayName: 'Reply To Message ID',
			name: 'replyToMessageId',
			type: 'string',
			default: '',
			description: 'The message this one answers',
		},
	]);
}
