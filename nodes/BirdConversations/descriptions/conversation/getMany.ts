import type { INodeProperties } from 'n8n-workflow';

import type { Show } from '../common';
import { fieldCollection } from '../common';
import {
	oldestFirstOption,
	optionsCollection,
	returnAllAndLimit,
	simplifyOption,
} from '../options';
import { participantLookupFields } from '../participantLookup';

/** Conversation → Get Many by Participant: who (docs/bird-api.md §4.4), the channel Bird requires, Status. */
function byParticipantFields(show: Show): INodeProperties[] {
	return [
		...participantLookupFields(show, 'identifier'),
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			required: true,
			default: '',
			description:
				'The ID of the channel to search in (e.g. your WhatsApp number’s channel); Bird requires it',
			displayOptions: { show },
			routing: {
				send: { type: 'query', property: 'channelId', value: '={{ String($value).trim() }}' },
			},
		},
		fieldCollection('filters', show, [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				description: 'Only conversations with this status',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Deleted', value: 'deleted' },
				],
				routing: { send: { type: 'query', property: 'status' } },
			},
		]),
	];
}

/** Conversation → Get Many: the workspace's conversations, optionally those about one resource (§2.3). */
function allFields(show: Show): INodeProperties[] {
	return [
		fieldCollection('filters', show, [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'string',
				default: '',
				placeholder: 'e.g. task:ab651378-579a-4491-abe6-eec97d4c0fa3',
				description: 'Only conversations linked to this resource (type:ID)',
				routing: { send: { type: 'query', property: 'resource' } },
			},
		]),
	];
}

/** Both conversation lists: their own fields, then the Return All / Limit and Options they share. */
export function getManyFields(show: (...operation: string[]) => Show): INodeProperties[] {
	const both = show('getAll', 'getManyByParticipant');
	return [
		...byParticipantFields(show('getManyByParticipant')),
		...returnAllAndLimit(both),
		...allFields(show('getAll')),
		optionsCollection(both, [oldestFirstOption('conversation'), simplifyOption('conversation')]),
	];
}
