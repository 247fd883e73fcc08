import type { INodeProperties } from 'n8n-workflow';

import {
	buildCreateConversationBody,
	buildUpdateConversationBody,
} from '../helpers/conversationBody';
import { validateParticipantConversationsLookup } from '../helpers/participantBody';
import { sortOldestFirst } from '../helpers/order';
import { deletedResult, simplifyConversationItems } from '../helpers/simplify';
import { encodeSegment, validateConversationId } from '../helpers/validate';
import {
	accessibilityOptions,
	attributesField,
	conversationIdExpression,
	conversationLocator,
	oldestFirstDescription,
	optionsCollection,
	returnAllAndLimit,
	simplifyOption,
	visibilityOptions,
	workspacePath,
} from './common';
import { participantRows } from './conversationParticipantRows';
import { participantLookupFields } from './conversationLookupFields';
import { conversationUpdateFields } from './conversationUpdateFields';
import { templateFields } from './templateFields';

const resource = ['conversation'];
const show = (...operation: string[]) => ({ resource, operation });
const conversationsUrl = `=${workspacePath}/conversations`;
const oneConversationUrl = `=${workspacePath}/conversations/${conversationIdExpression}`;
const simplify = { postReceive: [simplifyConversationItems] };
// Lists: Oldest First sorts before Simplify (helpers/order.ts).
const sortAndSimplify = { postReceive: [sortOldestFirst, simplifyConversationItems] };

export const conversationOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a conversation on a channel, optionally sending a first message',
				action: 'Create a conversation',
				routing: {
					request: { method: 'POST', url: conversationsUrl },
					send: { paginate: true, preSend: [buildCreateConversationBody] },
					output: simplify,
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a conversation',
				action: 'Delete a conversation',
				routing: {
					request: { method: 'DELETE', url: oneConversationUrl },
					send: { paginate: true, preSend: [validateConversationId] },
					output: { postReceive: [deletedResult] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a conversation',
				action: 'Get a conversation',
				routing: {
					request: { method: 'GET', url: oneConversationUrl },
					send: { paginate: true, preSend: [validateConversationId] },
					output: simplify,
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the conversations of the workspace',
				action: 'Get many conversations',
				routing: {
					request: { method: 'GET', url: conversationsUrl },
					send: { paginate: true },
					output: sortAndSimplify,
				},
			},
			{
				name: 'Get Many by Participant',
				value: 'getManyByParticipant',
				description: 'List the conversations one participant (e.g. a contact) takes part in',
				action: 'Get many conversations of a participant',
				routing: {
					request: {
						method: 'GET',
						url: `=${workspacePath}/participants/{{ $parameter.lookupBy === "identifier" ? encodeURIComponent(String($parameter.identifierKey).trim()) + "/" + encodeURIComponent(String($parameter.identifierValue).trim()) : encodeURIComponent(String($parameter.participantId).trim()) }}/conversations`,
					},
					send: { paginate: true, preSend: [validateParticipantConversationsLookup] },
					output: sortAndSimplify,
				},
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change the name, status, visibility, accessibility or attributes of a conversation',
				action: 'Update a conversation',
				routing: {
					request: { method: 'PATCH', url: oneConversationUrl },
					send: { paginate: true, preSend: [validateConversationId, buildUpdateConversationBody] },
					output: simplify,
				},
			},
		],
	},
];

export const conversationFields: INodeProperties[] = [
	conversationLocator(show('get', 'update', 'delete')),

	// ---- create ----
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the conversation; for e-mail channels this is the subject',
		displayOptions: { show: show('create') },
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 199f0353-fcb8-41b2-afd6-614c6baf3850',
		description:
			'The Bird channel (WhatsApp number, SMS number, e-mail domain…) the conversation runs on',
		displayOptions: { show: show('create') },
	},
	participantRows(show('create')),
	{
		displayName: 'Initial Message',
		name: 'initialMessageType',
		type: 'options',
		default: 'none',
		description:
			'Whether to send a first message to the contacts right away. WhatsApp needs an approved template to start a conversation.',
		displayOptions: { show: show('create') },
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text' },
			{ name: 'Template', value: 'template' },
		],
	},
	{
		displayName: 'Initial Message Text',
		name: 'initialMessageText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		displayOptions: { show: { ...show('create'), initialMessageType: ['text'] } },
	},
	...templateFields({ ...show('create'), initialMessageType: ['template'] }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('create') },
		options: [
			{ ...attributesField },
			{
				displayName: 'Accessibility',
				name: 'accessibility',
				type: 'options',
				default: 'open',
				options: accessibilityOptions,
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own ID for the initial message, unique within the workspace',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				default: 'public',
				options: visibilityOptions,
			},
		],
	},

	// ---- update ----
	...conversationUpdateFields(show('update')),

	// ---- get many by participant ----
	...participantLookupFields(show('getManyByParticipant')),
	...returnAllAndLimit(show('getAll', 'getManyByParticipant')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: show('getManyByParticipant') },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Deleted', value: 'deleted' },
				],
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: show('getAll') },
		options: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'string',
				default: '',
				placeholder: 'e.g. task:ab651378-579a-4491-abe6-eec97d4c0fa3',
				description: 'Only conversations linked to this resource (type:ID)',
				routing: { send: { type: 'query', property: 'resource' } },
			},
		],
	},
	optionsCollection(show('getAll', 'getManyByParticipant'), [
		{
			displayName: 'Oldest First',
			name: 'reverse',
			type: 'boolean',
			default: false,
			description: oldestFirstDescription('conversation'),
			routing: { send: { type: 'query', property: 'reverse' } },
		},
		simplifyOption('conversation'),
	]),
	optionsCollection(show('create', 'get', 'update'), [simplifyOption('conversation')]),
	optionsCollection(show('delete')),
];

export { encodeSegment };
