import type { INodeProperties } from 'n8n-workflow';

/** Conversation → Create: the participants rows (up to five, docs/bird-api.md §2.2). */
export function participantRows(show: {
	resource: string[];
	operation: string[];
}): INodeProperties {
	return {
		displayName: 'Participants',
		name: 'participants',
		type: 'fixedCollection',
		placeholder: 'Add Participant',
		default: {},
		typeOptions: { multipleValues: true },
		description: 'Up to 5 participants. Your access key joins automatically.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Participant',
				name: 'participant',
				values: [
					{
						displayName: 'Contact ID',
						name: 'contactId',
						displayOptions: { show: { kind: ['contactById'] } },
						type: 'string',
						default: '',
					},
					{
						displayName: 'Identifier Key',
						name: 'identifierKey',
						displayOptions: { show: { kind: ['contactByIdentifier'] } },
						type: 'string',
						default: 'phonenumber',
						description: 'Phonenumber for WhatsApp, SMS, RCS and Viber; emailaddress for e-mail',
					},
					{
						displayName: 'Identifier Value',
						name: 'identifierValue',
						displayOptions: { show: { kind: ['contactByIdentifier'] } },
						type: 'string',
						default: '',
						placeholder: 'e.g. +31612345678',
					},
					{
						displayName: 'Kind',
						name: 'kind',
						type: 'options',
						default: 'contactByIdentifier',
						options: [
							{
								name: 'Contact by Identifier',
								value: 'contactByIdentifier',
								description: 'A phone number or e-mail address; Bird creates the contact if needed',
							},
							{
								name: 'Contact by ID',
								value: 'contactById',
								description: 'An existing Bird contact',
							},
							{
								name: 'Other (User, Agent, Flow, Bot…)',
								value: 'other',
								description: 'A non-contact participant by type and ID',
							},
						],
					},
					{
						displayName: 'Participant ID',
						name: 'participantId',
						displayOptions: { show: { kind: ['other'] } },
						type: 'string',
						default: '',
					},
					{
						displayName: 'Participant Type',
						name: 'participantType',
						displayOptions: { show: { kind: ['other'] } },
						type: 'options',
						default: 'user',
						options: [
							{
								name: 'Access Key',
								value: 'accessKey',
							},
							{
								name: 'Agent',
								value: 'agent',
							},
							{
								name: 'Bot',
								value: 'bot',
							},
							{
								name: 'Collaboration Automation',
								value: 'collaborationAutomation',
							},
							{
								name: 'Flow',
								value: 'flow',
							},
							{
								name: 'User',
								value: 'user',
							},
						],
					},
				],
			},
		],
	};
}
