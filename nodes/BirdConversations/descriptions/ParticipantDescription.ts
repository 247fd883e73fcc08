import type { INodeProperties } from 'n8n-workflow';

import { buildAddParticipantBody, validateIdentifier } from '../helpers/participantBody';
import { sortOldestFirst } from '../helpers/order';
import { deletedResult } from '../helpers/simplify';
import { validateConversationId } from '../helpers/validate';
import {
	conversationIdExpression,
	conversationLocator,
	oldestFirstDescription,
	optionsCollection,
	returnAllAndLimit,
	workspacePath,
} from './common';

const resource = ['participant'];
const show = (...operation: string[]) => ({ resource, operation });
const participantsUrl = `=${workspacePath}/conversations/${conversationIdExpression}/participants`;
// By participant ID, or by identifier key and value (URL-encoded: "+31…" must travel as %2B31…).
const oneParticipantUrl = `${participantsUrl}/{{ $parameter.lookupBy === "identifier" ? encodeURIComponent(String($parameter.identifierKey).trim()) + "/" + encodeURIComponent(String($parameter.identifierValue).trim()) : encodeURIComponent(String($parameter.participantId).trim()) }}`;

const statusOptions = [
	{ name: 'Active', value: 'active', description: 'Can send and receive' },
	{ name: 'Invited', value: 'invited', description: 'Waiting for the participant to accept' },
	{ name: 'Pending', value: 'pending', description: 'Waiting for approval' },
];

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
				description: 'Add a participant to a conversation (nothing changes if it is already there)',
				action: 'Add a participant to a conversation',
				routing: {
					request: { method: 'POST', url: participantsUrl },
					send: { paginate: true, preSend: [validateConversationId, buildAddParticipantBody] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a participant of a conversation by ID or by identifier',
				action: 'Get a participant',
				routing: {
					request: { method: 'GET', url: oneParticipantUrl },
					send: { paginate: true, preSend: [validateConversationId, validateIdentifier] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the participants of a conversation',
				action: 'Get many participants',
				routing: {
					request: { method: 'GET', url: participantsUrl },
					send: { paginate: true, preSend: [validateConversationId] },
					output: { postReceive: [sortOldestFirst] },
				},
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove a participant from a conversation',
				action: 'Remove a participant from a conversation',
				routing: {
					request: {
						method: 'DELETE',
						url: `${participantsUrl}/{{ encodeURIComponent(String($parameter.participantId).trim()) }}`,
					},
					send: { paginate: true, preSend: [validateConversationId, validateIdentifier] },
					output: { postReceive: [deletedResult] },
				},
			},
			{
				name: 'Update Status',
				value: 'update',
				description: 'Change the status of a participant (active, invited, pending)',
				action: 'Update a participant status',
				routing: {
					request: { method: 'PATCH', url: oneParticipantUrl },
					send: { paginate: true, preSend: [validateConversationId, validateIdentifier] },
				},
			},
		],
	},
];

export const participantFields: INodeProperties[] = [
	conversationLocator(show('add', 'get', 'getAll', 'update', 'remove')),

	// ---- add ----
	{
		displayName: 'Participant',
		name: 'participantKind',
		type: 'options',
		default: 'contactByIdentifier',
		displayOptions: { show: show('add') },
		options: [
			{
				name: 'Contact by Identifier',
				value: 'contactByIdentifier',
				description: 'Phone number or e-mail address',
			},
			{ name: 'Contact by ID', value: 'contactById' },
			{ name: 'Flow', value: 'flow' },
			{
				name: 'User (Agent)',
				value: 'user',
				description: 'A workspace user, e.g. a support agent',
			},
		],
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...show('add'), participantKind: ['contactById'] } },
	},
	{
		displayName: 'ID',
		name: 'memberId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the workspace user or flow',
		displayOptions: { show: { ...show('add'), participantKind: ['user', 'flow'] } },
	},
	{
		displayName: 'Status',
		name: 'participantStatus',
		type: 'options',
		default: 'active',
		options: statusOptions,
		displayOptions: { show: show('add') },
	},

	// ---- lookups by ID or identifier ----
	{
		displayName: 'Find Participant By',
		name: 'lookupBy',
		type: 'options',
		default: 'id',
		displayOptions: { show: show('get', 'update') },
		options: [
			{ name: 'Participant ID', value: 'id' },
			{ name: 'Identifier (Phone Number, E-Mail…)', value: 'identifier' },
		],
	},
	{
		displayName: 'Participant ID',
		name: 'participantId',
		type: 'string',
		required: true,
		default: '',
		description: 'The participant’s ID; for a contact this is the contact ID',
		displayOptions: { show: { ...show('get', 'update'), lookupBy: ['id'] } },
	},
	{
		displayName: 'Participant ID',
		name: 'participantId',
		type: 'string',
		required: true,
		default: '',
		description: 'The participant’s ID; for a contact this is the contact ID',
		displayOptions: { show: show('remove') },
	},
	{
		displayName: 'Identifier Key',
		name: 'identifierKey',
		type: 'string',
		required: true,
		default: 'phonenumber',
		description: 'Phonenumber for WhatsApp/SMS, emailaddress for e-mail',
		displayOptions: { show: { ...show('get', 'update'), lookupBy: ['identifier'] } },
	},
	{
		displayName: 'Identifier Key',
		name: 'identifierKey',
		type: 'string',
		required: true,
		default: 'phonenumber',
		description: 'Phonenumber for WhatsApp/SMS, emailaddress for e-mail',
		displayOptions: { show: { ...show('add'), participantKind: ['contactByIdentifier'] } },
	},
	{
		displayName: 'Identifier Value',
		name: 'identifierValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +31612345678',
		displayOptions: { show: { ...show('get', 'update'), lookupBy: ['identifier'] } },
	},
	{
		displayName: 'Identifier Value',
		name: 'identifierValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +31612345678',
		displayOptions: { show: { ...show('add'), participantKind: ['contactByIdentifier'] } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		required: true,
		default: 'active',
		options: statusOptions,
		displayOptions: { show: show('update') },
		routing: { send: { type: 'body', property: 'status' } },
	},
	...returnAllAndLimit(show('getAll')),
	optionsCollection(show('getAll'), [
		{
			displayName: 'Oldest First',
			name: 'reverse',
			type: 'boolean',
			default: false,
			description: oldestFirstDescription(
				'participant',
				' Bird’s participant examples carry no creation time; participants without one keep Bird’s order.',
			),
			routing: { send: { type: 'query', property: 'reverse' } },
		},
	]),
	optionsCollection(show('add', 'get', 'update', 'remove')),
];
