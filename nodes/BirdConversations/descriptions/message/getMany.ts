import type { INodeProperties } from 'n8n-workflow';

import type { Show } from '../common';
import { fieldCollection } from '../common';
import {
	attachmentOptions,
	oldestFirstOption,
	optionsCollection,
	returnAllAndLimit,
	simplifyOption,
} from '../options';

/** Message → Get Many: Return All / Limit, Created After (Bird's dateFrom) and Oldest First (docs/bird-api.md §3.4). */
export function getManyFields(show: Show): INodeProperties[] {
	return [
		...returnAllAndLimit(show),
		fieldCollection('filters', show, [
			{
				displayName: 'Created After',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only messages created after this moment',
				// Sent as dateFrom by buildMessageListQuery (preSend), which checks the date first.
			},
		]),
		optionsCollection(show, [
			oldestFirstOption('message'),
			...attachmentOptions,
			simplifyOption('message'),
		]),
	];
}
