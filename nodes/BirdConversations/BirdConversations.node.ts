import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { sendMessages } from './actions/sendMessages';
import { conversationFields, conversationOperations } from './descriptions/conversation';
import { messageFields, messageOperations } from './descriptions/message';
import { participantFields, participantOperations } from './descriptions/participant';
import { executeBirdRequest, routedThroughExecutor } from './helpers/executor';
import { searchConversations } from './listSearch/searchConversations';
import { BASE_URL_EXPRESSION } from '../shared/transport';

/**
 * Bird Conversations: a declarative node over Bird's Conversations API. Every routed operation goes
 * through executeBirdRequest (wired as the pagination function and enabled on every operation) so that
 * retries, errors and cursor pagination follow one policy. Message → Send is the one coded operation
 * (actions/sendMessages.ts): it reuses the same body builders and retrying request, item by item. It has a
 * routing as well, which only the AI-tool variant runs (n8n 2.41 runs tools through RoutingNode, which skips
 * customOperations; see descriptions/message/index.ts).
 *
 * Layout: descriptions/<resource>/index.ts holds a resource's operations (with their routing) and assembles
 * its fields from one file per operation (or pair of list operations); descriptions/ holds the builders the
 * resources share (common.ts, identifierOrId.ts, participantLookup.ts, recipientRows.ts, templateFields.ts);
 * helpers/ the preSend and postReceive functions; numbers shared with other code in ../shared/constants.ts.
 *
 * Where a request's parts come from (one rule for every operation):
 * - The body is always built by an operation's preSend builder in helpers/ (build…Body: Conversation Create and
 *   Update, Message Send and Update, Participant Add and Update Status), which checks the fields and names the
 *   one to fix before anything is sent. No field sends itself into the body with `routing.send`.
 * - The path is the operation's `routing.request.url` expression (IDs trimmed and URL-encoded there, checked by
 *   a validate… preSend).
 * - A query parameter that goes to Bird as entered (at most trimmed) is the field's own `routing.send` (`type: 'query'`): Oldest
 *   First → reverse, Filters → Status and Resource, Channel ID. One that must be checked or converted first is
 *   set by a preSend instead (Filters → Created After → dateFrom, buildMessageListQuery). `limit` and
 *   `pageToken` are the executor's (helpers/executor.ts).
 */
export class BirdConversations implements INodeType {
	// Deliberate duplicate: the trigger's class description (BirdConversationsTrigger.node.ts) has the same shape;
	// n8n's lint and scanner read each node's description as a literal in its own .node.ts.
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
		// Every operation with a request goes through executeBirdRequest (it sets routing.send.paginate).
		properties: routedThroughExecutor([
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
		]),
	};

	methods = {
		listSearch: { searchConversations },
	};

	// Message → Send is coded for speed on large batches (n8n's engine runs a custom operation before any
	// routing); every other operation is declarative only.
	customOperations = {
		message: { send: sendMessages },
	};
}
