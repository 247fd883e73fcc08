import type { INodeProperties } from 'n8n-workflow';

import {
	oldestFirstDescription,
	optionsCollection,
	returnAllAndLimit,
	simplifyOption,
} from './common';

/** Message → Get Many: Return All / Limit, Created After (Bird's dateFrom) and Oldest First (docs/bird-api.md §3.4). */
export function messageListFields(show: {
	resource: string[];
	operation: string[];
}): INodeProperties[] {
	return [
		...returnAllAndLimit(show),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Created After',
					name: 'dateFrom',
					type: 'dateTime',
					default: '',
					description: 'Only messages created after this moment',
					// Sent as dateFrom by buildMessageListQuery (preSend), which checks the date first.
				},
			],
		},
		optionsCollection(show, [
			{
				displayName: 'Oldest First',
				name: 'reverse',
				type: 'boolean',
				default: false,
				description: oldestFirstDescription('message'),
				routing: { send: { type: 'query', property: 'reverse' } },
			},
			simplifyOption('message'),
		]),
	];
}
