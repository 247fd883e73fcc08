import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { sendMessages } from './actions/sendMessages';
import { conversationFields, conversationOperations } from './descriptions/ConversationDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { participantFields, participantOperations } from './descriptions/ParticipantDescription';
import { executeBirdRequest } from './helpers/executor';
import { searchConversations } from './listSearch/searchConversations';
import { BASE_URL_EXPRESSION } from '../shared/transport';

/**
 * Bird Conversations: a declarative node over Bird's Conversations API. Every routed operation goes
 * through executeBirdRequest (wired as the pagination function and enabled on every operation) so that
 * retries, errors and cursor pagination follow one policy. Message → Send is the one coded operation
 * (actions/sendMessages.ts): it reuses the same body builders and retrying request, item by item.
 */
export class BirdConversations implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bird Conversations',
		name: 'birdConversations',
		icon: { light: 'file:../../icons/bird.svg', dark: 'file:../../icons/bird.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Manage conversations, messages and participants with Bird's Conversations API",
		defaults: { name: 'Bird Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'birdConversationsApi', required: true }],
		requestDefaults: {
			baseURL: `=${BASE_URL_EXPRESSION}`,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		requestOperations: { pagination: executeBirdRequest },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'message',
				options: [
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Message', value: 'message' },
					{ name: 'Participant', value: 'participant' },
				],
			},
			...conversationOperations,
			...conversationFields,
			...messageOperations,
			...messageFields,
			...participantOperations,
			...participantFields,
		],
	};

	methods = {
		listSearch: { searchConversations },
	};

	// Message → Send is coded for speed on large batches; every other operation is declarative.
	customOperations = {
		message: { send: sendMessages },
	};
}
