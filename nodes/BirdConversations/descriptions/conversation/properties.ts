import type { INodeProperties } from 'n8n-workflow';

/** Conversation fields that Create (Additional Fields) and Update (Update Fields) both set (docs/bird-api.md §2.1). */
export const attributesField: INodeProperties = {
	displayName: 'Attributes',
	name: 'attributes',
	type: 'fixedCollection',
	placeholder: 'Add Attribute',
	default: {},
	typeOptions: { multipleValues: true },
	description: 'Custom key/value data stored on the conversation',
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const visibilityOptions = [
	{ name: 'Direct', value: 'direct' },
	{ name: 'Group', value: 'group' },
	{ name: 'Private', value: 'private' },
	{ name: 'Public', value: 'public' },
];

export const accessibilityOptions = [
	{ name: 'Invite Only', value: 'invite-only' },
	{ name: 'Open', value: 'open' },
	{ name: 'Private', value: 'private' },
	{ name: 'Request to Join', value: 'request-to-join' },
];
