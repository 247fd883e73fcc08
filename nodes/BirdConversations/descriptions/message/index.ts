import type { INodeProperties } from 'n8n-workflow';

import { buildSendMessageBody } from '../../helpers/messageBody';
import { buildUpdateMessageBody } from '../../helpers/messageDraft';
import { buildMessageListQuery } from '../../helpers/messageList';
import { sortOldestFirst } from '../../helpers/order';
import { downloadAttachmentItems } from '../../helpers/attachments';
import { deletedResult, simplifyMessageItems } from '../../helpers/simplify';
import { validateConversationId, validateMessageId } from '../../helpers/validate';
import { conversationIdExpression, conversationLocator, showFor, workspacePath } from '../common';
import {
	attachmentOptions,
	concurrencyOption,
	optionsCollection,
	simplifyOption,
} from '../options';
import { getManyFields } from './getMany';
import { sendFields } from './send';
import { updateFields } from './update';

const resource = ['message'];
const show = showFor('message');
const messagesUrl = `=${workspacePath}/conversations/${conversationIdExpression}/messages`;
const oneMessageUrl = `${messagesUrl}/{{ String($parameter.messageId).trim() }}`;
const simplify = { postReceive: [simplifyMessageItems] };

// Deliberate duplicate: the Operation selector and its entries ({ name, value, description, action, routing }) have
// the same shape in every resource's index.ts. They stay literals here because n8n's lint checks them only as
// literals (noDataExpression, action wording, option order), and the routing is this file's job.
export const messageOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'send',
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete one message, given by its conversation ID and message ID (UUIDs), and output the message ID with deleted: true',
				action: 'Delete a message by ID',
				routing: {
					request: { method: 'DELETE', url: oneMessageUrl },
					send: { paginate: true, preSend: [validateConversationId, validateMessageId] },
					output: { postReceive: [deletedResult] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one message, given by its conversation ID and message ID (UUIDs), with its body, sender, recipients and status',
				action: 'Get a message by ID',
				routing: {
					request: { method: 'GET', url: oneMessageUrl },
					send: { paginate: true, preSend: [validateConversationId, validateMessageId] },
					output: { postReceive: [downloadAttachmentItems, simplifyMessageItems] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the messages of a conversation, given by its conversation ID (a UUID), up to Limit or all, optionally only those created after a given time',
				action: 'Get many messages of a conversation',
				routing: {
					request: { method: 'GET', url: messagesUrl },
					send: { paginate: true, preSend: [validateConversationId, buildMessageListQuery] },
					output: { postReceive: [sortOldestFirst, downloadAttachmentItems, simplifyMessageItems] },
				},
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a message into an existing conversation, given by its conversation ID (a UUID), as a sender (usually your access key ID): text, HTML e-mail, image, file, GIF, location or approved template; outputs the created message',
				action: 'Send a message to a conversation',
				// Workflows run the coded Send (actions/sendMessages.ts, the node's customOperations: n8n's engine
				// prefers it). This routing is for the tool variant: n8n 2.41 runs an AI tool through the node
				// type's execute(), which for a declarative node is its RoutingNode, and RoutingNode never looks
				// at customOperations. Same body builder and request path as the coded one, one item at a time.
				routing: {
					request: { method: 'POST', url: messagesUrl },
					send: { paginate: true, preSend: [buildSendMessageBody] },
					output: simplify,
				},
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Edit a draft message, given by its conversation ID and message ID (text, HTML, recipients, reply-to), and/or publish it; a sent message cannot be changed',
				action: 'Update a draft message',
				routing: {
					request: { method: 'PATCH', url: oneMessageUrl },
					send: { paginate: true, preSend: [buildUpdateMessageBody] },
					output: simplify,
				},
			},
		],
	},
];

export const messageFields: INodeProperties[] = [
	conversationLocator(show('send', 'get', 'getAll', 'update', 'delete')),
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the message, e.g. from a trigger or a previous Send',
		displayOptions: { show: show('get', 'update', 'delete') },
	},
	...sendFields(show('send')),
	...updateFields(show('update')),
	...getManyFields(show('getAll')),
	optionsCollection(show('send'), [concurrencyOption, simplifyOption('message')]),
	optionsCollection(show('get'), [...attachmentOptions, simplifyOption('message')]),
	optionsCollection(show('update'), [simplifyOption('message')]),
	optionsCollection(show('delete')),
];
