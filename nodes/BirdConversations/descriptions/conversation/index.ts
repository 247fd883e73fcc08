import type { INodeProperties } from 'n8n-workflow';

import {
	buildCreateConversationBody,
	buildUpdateConversationBody,
} from '../../helpers/conversationBody';
import { validateParticipantConversationsLookup } from '../../helpers/participantBody';
import { sortOldestFirst } from '../../helpers/order';
import { deletedResult, simplifyConversationItems } from '../../helpers/simplify';
import { validateConversationId } from '../../helpers/validate';
import { conversationIdExpression, conversationLocator, showFor, workspacePath } from '../common';
import { optionsCollection, simplifyOption } from '../options';
import { participantPath } from '../participantLookup';
import { createFields } from './create';
import { getManyFields } from './getMany';
import { updateFields } from './update';

const resource = ['conversation'];
const show = showFor('conversation');
const conversationsUrl = `=${workspacePath}/conversations`;
const oneConversationUrl = `=${workspacePath}/conversations/${conversationIdExpression}`;
const simplify = { postReceive: [simplifyConversationItems] };
// Lists: Oldest First sorts before Simplify (helpers/order.ts).
const sortAndSimplify = { postReceive: [sortOldestFirst, simplifyConversationItems] };

// Deliberate duplicate: the Operation selector and its entries ({ name, value, description, action, routing }) have
// the same shape in every resource's index.ts. They stay literals here because n8n's lint checks them only as
// literals (noDataExpression, action wording, option order), and the routing is this file's job.
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
				description:
					'Create a conversation on a channel (Channel ID) with a name and up to five participants (contacts by phone number, e-mail address or contact ID; users, agents, flows, bots), optionally sending a first text or template message; outputs the new conversation with its ID',
				action: 'Create a conversation with participants on a channel',
				routing: {
					request: { method: 'POST', url: conversationsUrl },
					send: { paginate: true, preSend: [buildCreateConversationBody] },
					output: simplify,
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete a conversation, given by its conversation ID (a UUID), and output that ID with deleted: true',
				action: 'Delete a conversation by ID',
				routing: {
					request: { method: 'DELETE', url: oneConversationUrl },
					send: { paginate: true, preSend: [validateConversationId] },
					output: { postReceive: [deletedResult] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one conversation, given by its conversation ID (a UUID), with its name, status, channel, featured participants, attributes and last message',
				action: 'Get a conversation by ID',
				routing: {
					request: { method: 'GET', url: oneConversationUrl },
					send: { paginate: true, preSend: [validateConversationId] },
					output: simplify,
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the conversations of the workspace (active and archived) with their IDs, up to Limit or all; optionally only those linked to a resource',
				action: 'Get many conversations of the workspace',
				routing: {
					request: { method: 'GET', url: conversationsUrl },
					send: { paginate: true },
					output: sortAndSimplify,
				},
			},
			{
				name: 'Get Many by Participant',
				value: 'getManyByParticipant',
				description:
					'List the conversations a participant takes part in on one channel (Channel ID required), the participant found by identifier (phone number with + and country code, e.g. +31612345678, or e-mail address) or participant ID',
				action: 'Get many conversations of a participant on a channel',
				routing: {
					request: {
						method: 'GET',
						url: `=${workspacePath}/participants/${participantPath}/conversations`,
					},
					send: { paginate: true, preSend: [validateParticipantConversationsLookup] },
					output: sortAndSimplify,
				},
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change the name, description, status (e.g. closed), visibility, accessibility or attributes of a conversation, given by its conversation ID (a UUID)',
				action: 'Update a conversation by ID',
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
	...createFields(show('create')),
	...updateFields(show('update')),
	...getManyFields(show),
	optionsCollection(show('create', 'get', 'update'), [simplifyOption('conversation')]),
	optionsCollection(show('delete')),
];
