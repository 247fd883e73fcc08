import type { INodeProperties } from 'n8n-workflow';

/**
 * Conversation → Get Many by Participant: who to look up, by ID or identifier, and the channel Bird requires
 * (docs/bird-api.md §4.4). The URL is built from these in ConversationDescription.ts.
 */
export function participantLookupFields(show: {
	resource: string[];
	operation: string[];
}): INodeProperties[] {
	return [
		{
			displayName: 'Find Participant By',
			name: 'lookupBy',
			type: 'options',
			default: 'identifier',
			displayOptions: { show },
			options: [
				{ name: 'Identifier (Phone Number, E-Mail…)', value: 'identifier' },
				{ name: 'Participant ID', value: 'id' },
			],
		},
		{
			displayName: 'Participant ID',
			name: 'participantId',
			type: 'string',
			required: true,
			default: '',
			description: 'The contact, user, access key… ID of the participant',
			displayOptions: { show: { ...show, lookupBy: ['id'] } },
		},
		{
			displayName: 'Identifier Key',
			name: 'identifierKey',
			type: 'string',
			required: true,
			default: 'phonenumber',
			description: 'Phonenumber or emailaddress, or another channel-specific key',
			displayOptions: { show: { ...show, lookupBy: ['identifier'] } },
		},
		{
			displayName: 'Identifier Value',
			name: 'identifierValue',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. +31612345678',
			displayOptions: { show: { ...show, lookupBy: ['identifier'] } },
		},
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			required: true,
			default: '',
			description: 'Bird requires the channel to search in',
			displayOptions: { show },
			routing: {
				send: { type: 'query', property: 'channelId', value: '={{ String($value).trim() }}' },
			},
		},
	];
}
