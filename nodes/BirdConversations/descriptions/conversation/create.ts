import type { INodeProperties } from 'n8n-workflow';

import { ROWS_SHORT_TEXT } from '../../../shared/constants';
import type { Show } from '../common';
import { fieldCollection } from '../common';
import { accessibilityOptions, attributesField, visibilityOptions } from './properties';
import { templateFields } from '../templateFields';
import { participantRows } from './participantRows';

/**
 * Conversation → Create: name, channel, participants and an optional first message (docs/bird-api.md §2.2),
 * sent by buildCreateConversationBody (helpers/conversationBody.ts).
 */
export function createFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: 'Name of the conversation; for e-mail channels this is the subject',
			displayOptions: { show },
		},
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 199f0353-fcb8-41b2-afd6-614c6baf3850',
			description:
				'The ID of the Bird channel (WhatsApp number, SMS number, e-mail domain…) the conversation runs on',
			displayOptions: { show },
		},
		participantRows(show),
		{
			displayName: 'Initial Message',
			name: 'initialMessageType',
			type: 'options',
			default: 'none',
			description:
				'Whether to send a first message to the contacts among the participants right away. WhatsApp needs an approved template to start a conversation.',
			displayOptions: { show },
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Text', value: 'text' },
				{ name: 'Template', value: 'template' },
			],
		},
		{
			displayName: 'Initial Message Text',
			name: 'initialMessageText',
			type: 'string',
			typeOptions: { rows: ROWS_SHORT_TEXT },
			default: '',
			description: 'The text of the first message',
			displayOptions: { show: { ...show, initialMessageType: ['text'] } },
		},
		...templateFields({ ...show, initialMessageType: ['template'] }),
		fieldCollection('additionalFields', show, [
			{ ...attributesField },
			{
				displayName: 'Accessibility',
				name: 'accessibility',
				type: 'options',
				default: 'open',
				options: accessibilityOptions,
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own ID for the initial message, unique within the workspace',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				default: 'public',
				options: visibilityOptions,
			},
		]),
	];
}
