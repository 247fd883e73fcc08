import type { INodeProperties } from 'n8n-workflow';

import { WORKSPACE_SEGMENT_EXPRESSION } from '../../shared/transport';
import { UUID_PATTERN } from '../helpers/validate';

type Show = { resource: string[]; operation: string[] };

/** Path of the credential's workspace; the ID trimmed and encoded like every coded request does (workspaceSegment). */
export const workspacePath = `/workspaces/${WORKSPACE_SEGMENT_EXPRESSION}`;

/** Expression for the picked conversation ID, whichever locator mode was used. */
export const conversationIdExpression =
	'{{ $parameter.conversationId.value ?? $parameter.conversationId }}';

export function conversationLocator(
	show: Show,
	description = 'The conversation to use',
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

/** Return All and Limit, as on every n8n list operation. Read by the request executor. */
export function returnAllAndLimit(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * Options → Oldest First on the lists with Bird's `reverse`. Bird documents neither the default order nor what
 * `reverse` reverses (docs/bird-api.md §1.4, §3.4, §4.4), so the node also sorts the output (helpers/order.ts).
 */
export function oldestFirstDescription(what: string, note = ''): string {
	return `Whether to return the oldest ${what} first: asks Bird for its reverse order and sorts the returned ${what}s by creation time.${note} Bird documents neither its default order nor what reversing means, so with a Limit, whether the oldest or the newest ${what}s are picked depends on Bird; use Return All for a known set. Off keeps Bird's order.`;
}

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 3,
	description:
		'How often to retry when Bird answers 429 (rate limit) or a 5xx error. Waits as Bird asks (Retry-After) or backs off exponentially. A request Bird accepted is never sent twice.',
};

/** Message → Send only: how many messages are in flight at once (the operation is coded, see actions/sendMessages.ts). */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrent Requests',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: 10,
	description:
		'How many messages to send at the same time when the node receives many items. Bird allows 500 sends per second per workspace; a 429 is waited out and retried per message. Use 1 to send strictly in item order.',
};

export function simplifyOption(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return a flat version of each ${what} with its most useful fields instead of Bird's full object`,
	};
}

export function optionsCollection(show: Show, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...extra, maxRetriesOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

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
