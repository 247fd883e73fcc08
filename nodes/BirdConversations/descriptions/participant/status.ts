import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Show } from '../common';

/** A participant's statuses Bird accepts when adding or updating one (docs/bird-api.md §4.1, §4.2). */
export const participantStatusOptions: INodePropertyOptions[] = [
	{ name: 'Active', value: 'active', description: 'Can send and receive' },
	{ name: 'Invited', value: 'invited', description: 'Waiting for the participant to accept' },
	{ name: 'Pending', value: 'pending', description: 'Waiting for approval' },
];

/** Participant → Update Status: the new status, sent as Bird's `{status}` by buildUpdateParticipantBody. */
export function updateStatusFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			required: true,
			default: 'active',
			description: 'The status to set',
			options: participantStatusOptions,
			displayOptions: { show },
		},
	];
}
