import type { INodeProperties } from 'n8n-workflow';

import type { Show } from '../common';
import { identifierOrIdFields } from '../identifierOrId';
import { participantStatusOptions } from './status';

/**
 * Participant → Add: one of Bird's three participant shapes, a contact by identifier or by ID, or a user or flow
 * by ID (docs/bird-api.md §4.2). The body is built by buildAddParticipantBody (helpers/participantBody.ts).
 */
export function addFields(show: Show): INodeProperties[] {
	return [
		...identifierOrIdFields({
			selector: 'participantKind',
			displayName: 'Participant',
			default: 'identifier',
			idOf: 'contact',
			show,
			more: [
				{ name: 'Flow', value: 'flow', description: 'A Bird flow (automation), given by its ID' },
				{
					name: 'User (Agent)',
					value: 'user',
					description: 'A workspace user, e.g. a support agent, given by their ID',
				},
			],
		}),
		{
			displayName: 'ID',
			name: 'memberId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the workspace user or flow',
			displayOptions: { show: { ...show, participantKind: ['user', 'flow'] } },
		},
		{
			displayName: 'Status',
			name: 'participantStatus',
			type: 'options',
			default: 'active',
			description:
				'The status the participant gets; Active unless it must first accept or be approved',
			options: participantStatusOptions,
			displayOptions: { show },
		},
	];
}
