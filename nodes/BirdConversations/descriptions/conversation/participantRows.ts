import type { INodeProperties } from 'n8n-workflow';

import { MAX_CREATE_PARTICIPANTS } from '../../../shared/constants';
import type { Show } from '../common';
import { byDisplayName } from '../common';
import { identifierOrIdFields } from '../identifierOrId';

/** Bird's non-contact participant types (docs/bird-api.md §2.2); the values are stored in workflows. */
const participantTypes = [
	{ name: 'Access Key', value: 'accessKey' },
	{ name: 'Agent', value: 'agent' },
	{ name: 'Bot', value: 'bot' },
	{ name: 'Collaboration Automation', value: 'collaborationAutomation' },
	{ name: 'Flow', value: 'flow' },
	{ name: 'User', value: 'user' },
];

/** Conversation → Create: the participants rows (docs/bird-api.md §2.2), sent by buildCreateConversationBody. */
export function participantRows(show: Show): INodeProperties {
	return {
		displayName: 'Participants',
		name: 'participants',
		type: 'fixedCollection',
		placeholder: 'Add Participant',
		default: {},
		typeOptions: { multipleValues: true },
		description: `Up to ${MAX_CREATE_PARTICIPANTS} participants. Your access key joins automatically. Contacts among them receive the Initial Message.`,
		displayOptions: { show },
		options: [
			{
				displayName: 'Participant',
				name: 'participant',
				values: byDisplayName([
					...identifierOrIdFields({
						selector: 'kind',
						displayName: 'Participant',
						default: 'identifier',
						idOf: 'contact',
						more: [
							{
								name: 'Other (User, Agent, Flow, Bot…)',
								value: 'other',
								description:
									'A participant that is not a contact, given by Participant Type and ID',
							},
						],
					}),
					{
						displayName: 'Participant ID',
						name: 'participantId',
						displayOptions: { show: { kind: ['other'] } },
						type: 'string',
						default: '',
						description: 'The ID of the user, agent, access key, flow or bot',
					},
					{
						displayName: 'Participant Type',
						name: 'participantType',
						displayOptions: { show: { kind: ['other'] } },
						type: 'options',
						default: 'user',
						options: participantTypes,
					},
				]),
			},
		],
	};
}
