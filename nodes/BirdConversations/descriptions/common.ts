import type { INodeProperties } from 'n8n-workflow';

import { WORKSPACE_PLACEHOLDER } from '../../shared/transport';
import { UUID_PATTERN } from '../helpers/validate';

/*
 * What every resource's description uses: display conditions, the workspace path, the conversation locator and
 * the collections of optional fields. The option lists ({ name, value } rows) of different parameters, such as
 * Status, Sender Type or a recipient's Type, share a shape that `duplicates` pairs: deliberate duplicates, each
 * parameter's own values written out, because saved workflows store them.
 */

/** Display conditions of a top-level field: its resource and the operations that show it. */
export type Show = { resource: string[]; operation: string[] };

/** `show('get', 'update')` for one resource: the display conditions of its fields. */
export function showFor(resource: string): (...operation: string[]) => Show {
	return (...operation) => ({ resource: [resource], operation });
}

/** n8n lists the fields of a collection, and the values of a row, in alphabetical order of their labels. */
export function byDisplayName(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Path of the credential's workspace: the request executor fills the ID in, trimmed and encoded (fillWorkspace). */
export const workspacePath = `/workspaces/${WORKSPACE_PLACEHOLDER}`;

/** Expression for the picked conversation ID, whichever locator mode was used. */
export const conversationIdExpression =
	'{{ $parameter.conversationId.value ?? $parameter.conversationId }}';

export function conversationLocator(
	show: Show,
	description = 'The conversation to work in: pick it from the list or enter its ID (a UUID)',
): INodeProperties {
	return {
		displayName: 'Conversation',
		name: 'conversationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a conversation...',
				typeOptions: { searchListMethod: 'searchConversations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 67e4d358-ca94-421e-98b7-448860df9d33',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID_PATTERN,
							errorMessage: 'Not a valid conversation ID (a UUID)',
						},
					},
				],
			},
		],
	};
}

const COLLECTIONS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
};

/** One of n8n's collections of optional fields (Additional Fields, Filters, Options, Update Fields). */
export function fieldCollection(
	name: keyof typeof COLLECTIONS,
	show: Show,
	fields: INodeProperties[],
): INodeProperties {
	return {
		...COLLECTIONS[name],
		name,
		type: 'collection',
		default: {},
		displayOptions: { show },
		options: byDisplayName(fields),
	};
}
