import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_MEDIA_MB,
	DEFAULT_MAX_RETRIES,
	MAX_CONCURRENCY,
	MAX_RETRIES_CEILING,
} from '../../shared/constants';
import type { Show } from './common';
import { fieldCollection } from './common';

/* The list fields (Return All, Limit) and the Options every operation offers. */

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
			// DEFAULT_LIMIT (the executor's fallback); n8n's lint wants the literal here, a unit test keeps them equal.
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * Options → Oldest First on the lists with Bird's `reverse` (conversations, messages, participants). Bird documents
 * neither the default order nor what `reverse` reverses (docs/bird-api.md §1.4, §3.4, §4.4), so the node also
 * sorts the output (helpers/order.ts, a postReceive of each list). `note` adds a sentence about this list.
 */
export function oldestFirstOption(what: string, note = ''): INodeProperties {
	return {
		displayName: 'Oldest First',
		name: 'reverse',
		type: 'boolean',
		default: false,
		description: `Whether to return the oldest ${what} first: asks Bird for its reverse order and sorts the returned ${what}s by creation time.${note} Bird documents neither its default order nor what reversing means, so with a Limit, whether the oldest or the newest ${what}s are picked depends on Bird; use Return All for a known set. Off keeps Bird's order.`,
		routing: { send: { type: 'query', property: 'reverse' } },
	};
}

// Deliberate duplicate: Max Retries and Concurrent Requests (below) have the shape of any bounded number
// parameter, which `duplicates` pairs; they are two parameters with their own bounds and texts.
export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_RETRIES_CEILING },
	default: DEFAULT_MAX_RETRIES,
	description:
		'How often to retry when Bird answers 429 (rate limit) or a 5xx error. Waits as Bird asks (Retry-After) or backs off exponentially. A request Bird accepted is never sent twice.',
};

/** Message → Send only: how many messages are in flight at once (the operation is coded, see actions/sendMessages.ts). */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrent Requests',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
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

/** Message → Get and Get Many: the message's files as binary data (helpers/attachments.ts). */
export const attachmentOptions: INodeProperties[] = [
	{
		displayName: 'Download Attachments',
		name: 'downloadAttachments',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the images, files and GIFs of each message as binary data (data, data_1, …) with their file names and MIME types; the JSON keeps the URLs. The access key is sent only to Bird’s own hosts.',
	},
	{
		displayName: 'Max Attachment Size (MB)',
		name: 'maxAttachmentMegabytes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_MEDIA_MB,
		description: 'With Download Attachments: a larger file fails the item with an error naming it',
	},
];

/** Options: Max Retries on every operation, plus the operation's own options. */
export function optionsCollection(show: Show, extra: INodeProperties[] = []): INodeProperties {
	return fieldCollection('options', show, [...extra, maxRetriesOption]);
}
