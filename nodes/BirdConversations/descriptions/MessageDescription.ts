import type { INodeProperties } from 'n8n-workflow';

import { buildUpdateMessageBody } from '../helpers/messageDraft';
import { buildMessageListQuery } from '../helpers/messageList';
import { sortOldestFirst } from '../helpers/order';
import { deletedResult, simplifyMessageItems } from '../helpers/simplify';
import { validateConversationId, validateMessageId } from '../helpers/validate';
import {
	concurrencyOption,
	conversationIdExpression,
	conversationLocator,
	optionsCollection,
	simplifyOption,
	workspacePath,
} from './common';
import { mediaFields } from './mediaFields';
import { messageListFields } from './messageListFields';
import { messageUpdateFields } from './messageUpdateFields';
import { recipientRows } from './recipientRows';
import { templateFields } from './templateFields';

const resource = ['message'];
const show = (...operation: string[]) => ({ resource, operation });
const messagesUrl = `=${workspacePath}/conversations/${conversationIdExpression}/messages`;
const oneMessageUrl = `${messagesUrl}/{{ String($parameter.messageId).trim() }}`;
const simplify = { postReceive: [simplifyMessageItems] };
const sendShow = (...messageType: string[]) => ({ ...show('send'), messageType });

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
				description: 'Delete a message',
				action: 'Delete a message',
				routing: {
					request: { method: 'DELETE', url: oneMessageUrl },
					send: { paginate: true, preSend: [validateConversationId, validateMessageId] },
					output: { postReceive: [deletedResult] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a message of a conversation',
				action: 'Get a message',
				routing: {
					request: { method: 'GET', url: oneMessageUrl },
					send: { paginate: true, preSend: [validateConversationId, validateMessageId] },
					output: simplify,
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the messages of a conversation',
				action: 'Get many messages',
				routing: {
					request: { method: 'GET', url: messagesUrl },
					send: { paginate: true, preSend: [validateConversationId, buildMessageListQuery] },
					output: { postReceive: [sortOldestFirst, simplifyMessageItems] },
				},
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a message in a conversation: text, HTML, media, location or template',
				action: 'Send a message',
				// Coded, not routed: see actions/sendMessages.ts (registered as the node's customOperations).
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Edit or publish a draft message',
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
		displayOptions: { show: show('get', 'update', 'delete') },
	},

	// ---- send ----
	{
		displayName: 'Sender Type',
		name: 'senderType',
		type: 'options',
		default: 'accessKey',
		description: 'Who sends the message. Usually your access key.',
		displayOptions: { show: show('send') },
		options: [
			{ name: 'Access Key', value: 'accessKey' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Flow', value: 'flow' },
			{ name: 'User', value: 'user' },
		],
	},
	{
		displayName: 'Sender ID',
		name: 'senderId',
		type: 'string',
		required: true,
		default: '',
		description:
			'For an access key: its ID (not the secret), shown in Bird under Settings → Security → Access keys. In a trigger workflow, the access key participant ID is in the conversation’s participants.',
		displayOptions: { show: show('send') },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		default: 'text',
		displayOptions: { show: show('send') },
		options: [
			{ name: 'File', value: 'file' },
			{ name: 'GIF', value: 'gif' },
			{ name: 'HTML (E-Mail)', value: 'html' },
			{ name: 'Image', value: 'image' },
			{ name: 'Location', value: 'location' },
			{
				name: 'Template',
				value: 'template',
				description: 'An approved Bird Studio template (needed to start WhatsApp conversations)',
			},
			{ name: 'Text', value: 'text' },
		],
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: { show: sendShow('text') },
	},
	{
		displayName: 'HTML',
		name: 'html',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		displayOptions: { show: sendShow('html') },
	},
	{
		displayName: 'Plain Text Alternative',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		displayOptions: { show: sendShow('html') },
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		displayOptions: { show: sendShow('html') },
	},
	...mediaFields(sendShow),
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { numberPrecision: 6 },
		default: 0,
		displayOptions: { show: sendShow('location') },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { numberPrecision: 6 },
		default: 0,
		displayOptions: { show: sendShow('location') },
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: sendShow('location') },
	},
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: sendShow('location') },
	},
	...templateFields(sendShow('template')),
	{ ...recipientRows, displayOptions: { show: show('send') } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('send') },
		options: [
			{
				displayName: 'Add Missing Participants',
				name: 'addMissingParticipants',
				type: 'boolean',
				default: true,
				description:
					'Whether Bird adds the sender and recipients to the conversation when they are not in it yet',
			},
			{
				displayName: 'Draft',
				name: 'draft',
				type: 'boolean',
				default: false,
				description: 'Whether to save the message as a draft instead of sending it',
			},
			{
				displayName: 'E-Mail Reply-To',
				name: 'replyToAddress',
				type: 'string',
				default: '',
				placeholder: 'support@example.com',
			},
			{ displayName: 'E-Mail Sender Address', name: 'senderEmail', type: 'string', default: '' },
			{
				displayName: 'E-Mail Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
				description: 'The From display name of an e-mail',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own ID for the message, unique within the workspace',
			},
			{
				displayName: 'Reply To Message ID',
				name: 'replyToMessageId',
				type: 'string',
				default: '',
				description: 'The message this one answers',
			},
		],
	},

	// ---- update ----
	...messageUpdateFields(show('update')),

	// ---- get many ----
	...messageListFields(show('getAll')),
	optionsCollection(show('send'), [concurrencyOption, simplifyOption('message')]),
	optionsCollection(show('get', 'update'), [simplifyOption('message')]),
	optionsCollection(show('delete')),
];
