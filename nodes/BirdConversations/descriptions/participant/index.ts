import type { INodeProperties } from 'n8n-workflow';

import {
	buildAddParticipantBody,
	buildUpdateParticipantBody,
	validateIdentifier,
} from '../../helpers/participantBody';
import { sortOldestFirst } from '../../helpers/order';
import { deletedResult } from '../../helpers/simplify';
import { validateConversationId } from '../../helpers/validate';
import { conversationIdExpression, conversationLocator, showFor, workspacePath } from '../common';
import { oldestFirstOption, optionsCollection, returnAllAndLimit } from '../options';
import { participantIdField } from '../identifierOrId';
import { participantIdPath, participantLookupFields, participantPath } from '../participantLookup';
import { addFields } from './add';
import { updateStatusFields } from './status';

const resource = ['participant'];
const show = showFor('participant');
const participantsUrl = `=${workspacePath}/conversations/${conversationIdExpression}/participants`;
const oneParticipantUrl = `${participantsUrl}/${participantPath}`;

// Deliberate duplicate: the Operation selector and its entries ({ name, value, description, action, routing }) have
// the same shape in every resource's index.ts. They stay literals here because n8n's lint checks them only as
// literals (noDataExpression, action wording, option order), and the routing is this file's job.
export const participantOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'add',
		options: [
			{
				name: 'Add',
				value: 'add',
				description:
					'Add a contact (by identifier such as a phone number or e-mail address, or by contact ID), workspace user or flow to a conversation, given by its conversation ID; nothing changes if it is already a participant',
				action: 'Add a participant to a conversation',
				routing: {
					request: { method: 'POST', url: participantsUrl },
					send: { paginate: true, preSend: [validateConversationId, buildAddParticipantBody] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one participant of a conversation, given by its conversation ID, the participant found by participant ID or by identifier (e.g. phone number)',
				action: 'Get a participant by identifier or ID',
				routing: {
					request: { method: 'GET', url: oneParticipantUrl },
					send: { paginate: true, preSend: [validateConversationId, validateIdentifier] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the participants (contacts, users, access keys, flows…) of a conversation, given by its conversation ID, with their participant IDs',
				action: 'Get many participants of a conversation',
				routing: {
					request: { method: 'GET', url: participantsUrl },
					send: { paginate: true, preSend: [validateConversationId] },
					output: { postReceive: [sortOldestFirst] },
				},
			},
			{
				name: 'Remove',
				value: 'remove',
				description:
					'Remove a participant, given by participant ID, from a conversation, given by its conversation ID',
				action: 'Remove a participant from a conversation',
				routing: {
					request: { method: 'DELETE', url: `${participantsUrl}/${participantIdPath}` },
					send: { paginate: true, preSend: [validateConversationId, validateIdentifier] },
					output: { postReceive: [deletedResult] },
				},
			},
			{
				name: 'Update Status',
				value: 'update',
				description:
					'Set the status (active, invited or pending) of one participant of a conversation, found by participant ID or by identifier',
				action: 'Update a participant status',
				routing: {
					request: { method: 'PATCH', url: oneParticipantUrl },
					send: {
						paginate: true,
						preSend: [validateConversationId, validateIdentifier, buildUpdateParticipantBody],
					},
				},
			},
		],
	},
];

export const participantFields: INodeProperties[] = [
	conversationLocator(show('add', 'get', 'getAll', 'update', 'remove')),
	...addFields(show('add')),
	...participantLookupFields(show('get', 'update'), 'id'),
	participantIdField(show('remove')),
	...updateStatusFields(show('update')),
	...returnAllAndLimit(show('getAll')),
	optionsCollection(show('getAll'), [
		oldestFirstOption(
			'participant',
			' Bird’s participant examples carry no creation time; participants without one keep Bird’s order.',
		),
	]),
	optionsCollection(show('add', 'get', 'update', 'remove')),
];
