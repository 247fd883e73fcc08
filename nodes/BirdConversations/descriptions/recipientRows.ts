import type { INodeProperties } from 'n8n-workflow';

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
			values: [
				{
					displayName: 'Contact ID',
					name: 'contactId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 8f0b5377-2edc-4116-a8e8-6a475f245a04',
					displayOptions: { show: { by: ['id'] } },
				},
				{
					displayName: 'Find By',
					name: 'by',
					type: 'options',
					default: 'identifier',
					options: [
						{
							name: 'Identifier',
							value: 'identifier',
							description: 'A phone number or e-mail address; Bird finds or creates the contact',
						},
						{ name: 'Contact ID', value: 'id', description: 'The ID of an existing Bird contact' },
					],
				},
				{
					displayName: 'Identifier Key',
					name: 'identifierKey',
					type: 'string',
					default: 'phonenumber',
					description: 'The kind of identifier, such as phonenumber or emailaddress',
					displayOptions: { show: { by: ['identifier'] } },
				},
				{
					displayName: 'Identifier Value',
					name: 'identifierValue',
					type: 'string',
					default: '',
					placeholder: 'e.g. +31612345678',
					displayOptions: { show: { by: ['identifier'] } },
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: 'to',
					options: [
						{
							name: 'To',
							value: 'to',
						},
						{
							name: 'Cc (E-Mail)',
							value: 'cc',
						},
						{
							name: 'Bcc (E-Mail)',
							value: 'bcc',
						},
					],
				},
			],
		},
	],
};
