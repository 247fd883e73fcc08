import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName } from './common';
import { identifierOrIdFields } from './identifierOrId';

/** The Recipients rows of Message → Send and → Update (Bird's recipients, docs/bird-api.md §3.3). */
export const recipientRows: INodeProperties = {
	displayName: 'Recipients',
	name: 'recipients',
	type: 'fixedCollection',
	placeholder: 'Add Recipient',
	default: {},
	typeOptions: { multipleValues: true },
	description:
		'Whom to address. Leave empty on one-to-one channels to reply to the conversation’s contact.',
	options: [
		{
			displayName: 'Recipient',
			name: 'recipient',
			values: byDisplayName([
				...identifierOrIdFields({
					selector: 'by',
					displayName: 'Recipient',
					default: 'identifier',
					idOf: 'contact',
				}),
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: 'to',
					description: 'How the recipient is addressed; Cc and Bcc apply to e-mail only',
					options: [
						{ name: 'To', value: 'to' },
						{ name: 'Cc (E-Mail)', value: 'cc' },
						{ name: 'Bcc (E-Mail)', value: 'bcc' },
					],
				},
			]),
		},
	],
};
