import type { INodeProperties } from 'n8n-workflow';

import { ROWS_HTML, ROWS_TEXT } from '../../../shared/constants';
import type { Show } from '../common';
import { fieldCollection } from '../common';
import { recipientRows } from '../recipientRows';

/** Message → Update: edit or publish a draft (Bird's UpdateMessage, docs/bird-api.md §3.5). */
export function updateFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Publish',
			name: 'publish',
			type: 'boolean',
			default: true,
			description:
				'Whether to send the draft now. Only drafts can be changed; a sent message cannot.',
			displayOptions: { show },
		},
		fieldCollection('updateFields', show, [
			{
				displayName: 'HTML',
				name: 'html',
				type: 'string',
				typeOptions: { rows: ROWS_HTML },
				default: '',
				description:
					'New HTML content for an e-mail draft. If Text is also set, it becomes the plain-text alternative.',
			},
			{ ...recipientRows },
			{
				displayName: 'Reply To Message ID',
				name: 'replyToMessageId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description:
					'E-mail subject, used with HTML. The new body replaces the old one whole, so set the subject again when changing the HTML.',
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				typeOptions: { rows: ROWS_TEXT },
				default: '',
				description: 'New text for the draft',
			},
		]),
	];
}
