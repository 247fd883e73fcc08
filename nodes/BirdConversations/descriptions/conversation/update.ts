import type { INodeProperties } from 'n8n-workflow';

import { ATTRIBUTES_MERGE, ATTRIBUTES_REPLACE } from '../../helpers/attributes';
import type { Show } from '../common';
import { fieldCollection } from '../common';
import { accessibilityOptions, attributesField, visibilityOptions } from './properties';

/**
 * Conversation → Update: the fields Bird's PATCH takes (docs/bird-api.md §2.5). Bird documents `attributes` on
 * update only through examples, and not whether they merge into or replace the stored map, so Attributes Mode
 * defaults to reading the conversation and sending the whole map (helpers/attributes.ts).
 */
export function updateFields(show: Show): INodeProperties[] {
	return [
		fieldCollection('updateFields', show, [
			{
				displayName: 'Accessibility',
				name: 'accessibility',
				type: 'options',
				default: 'open',
				options: accessibilityOptions,
			},
			{
				...attributesField,
				description:
					'Attributes to set. With Attributes Mode "Merge With Existing" (the default) every attribute you do not list here keeps its value.',
			},
			{
				displayName: 'Attributes Mode',
				name: 'attributesMode',
				type: 'options',
				default: ATTRIBUTES_MERGE,
				description:
					'How Attributes are sent. Bird does not document whether an update merges attributes into the stored ones or replaces them all.',
				options: [
					{
						name: 'Merge With Existing',
						value: ATTRIBUTES_MERGE,
						description:
							'Read the conversation first and send its attributes with yours laid over them, so attributes you do not list are kept either way. One extra request; not atomic against other clients changing the same conversation at the same moment.',
					},
					{
						name: 'Replace All',
						value: ATTRIBUTES_REPLACE,
						description:
							'Send only the attributes listed here. If Bird replaces the map, every attribute not listed is removed (the way to delete one); if Bird merges, the others stay.',
					},
				],
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'closed',
				description: 'Closed conversations accept no new messages until set back to Active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Spam', value: 'spam' },
				],
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
