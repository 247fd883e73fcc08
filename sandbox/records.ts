import type { SeedData } from './seed';

/* The records the sandbox stores (plain data, saved to and loaded from the --data file). */

/** Bird's participant object (docs/bird-api.md §4.1) as the sandbox stores it. */
export interface Participant {
	id: string;
	type: string;
	status: 'active' | 'invited' | 'pending' | 'inactive';
	displayName: string;
	avatarUrl: string;
	contact?: { identifierKey: string; identifierValue: string; platformAddress: string };
	conversationId: string;
	createdAt: string;
	updatedAt: string;
}

export interface Contact {
	id: string;
	workspaceId: string;
	displayName: string;
	identifierKey: string;
	identifierValue: string;
}

/**
 * Bird's statuses of a conversation message, in lifecycle order "accepted, processing, sent, and delivered"
 * plus the two failures (docs/bird-api.md §3.1; UpdateMessage's enum on
 * https://docs.bird.com/api/conversations-api/api-reference/conversations-messaging/update-conversation-message).
 */
export const MESSAGE_STATUSES = [
	'accepted',
	'processing',
	'sent',
	'sending_failed',
	'delivered',
	'delivery_failed',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface Message {
	id: string;
	workspaceId: string;
	conversationId: string;
	channelId: string;
	reference: string;
	sender: Record<string, unknown>;
	draft: boolean;
	recipients: Array<Record<string, unknown>>;
	status: MessageStatus;
	source: 'conversations' | 'channels';
	body?: Record<string, unknown>;
	template?: Record<string, unknown>;
	replyToMessageId?: string;
	interactions: null;
	createdAt: string;
	updatedAt: string;
}

export interface Conversation {
	id: string;
	workspaceId: string;
	name: string;
	description: string;
	status: string;
	visibility: string;
	accessibility: string;
	style?: string;
	channelId: string;
	platformStyle: string;
	attributes?: Record<string, unknown> | null;
	resource?: Record<string, unknown> | null;
	initiatingParticipantId?: string;
	lastMessageId?: string;
	lastMessageIncomingAt?: string;
	lastMessageOutgoingAt?: string;
	createdAt: string;
	updatedAt: string;
}

export interface Subscription {
	id: string;
	organizationId: string;
	workspaceId: string;
	service: string;
	event: string;
	eventFilters: Array<{ key: string; value: string }>;
	template?: string;
	url: string;
	signingKey?: string;
	status: 'active' | 'inactive';
	statusReason?: string;
	createdAt: string;
	updatedAt: string;
}

export interface DeliveryAttempt {
	attempt: number;
	at: string;
	httpStatusCode: number | null;
	error?: string;
	durationMs: number;
}

export interface Delivery {
	requestId: string;
	subscriptionId: string;
	workspaceId: string;
	url: string;
	event: string;
	service: string;
	timestamp: string;
	body: string;
	headers: Record<string, string>;
	attempts: DeliveryAttempt[];
	executionStatus: 'pending' | 'succeeded' | 'failed';
	createdAt: string;
}

export interface Media {
	id: string;
	workspaceId: string;
	conversationId: string;
	contentType: string;
	formData: Record<string, string>;
	data?: string; // base64 once uploaded
	filename?: string;
}

/** Everything the sandbox knows. Plain data, so it can be saved to and loaded from a JSON file. */
export interface StateData {
	seed: SeedData;
	contacts: Contact[];
	conversations: Conversation[];
	participants: Participant[];
	messages: Message[];
	subscriptions: Subscription[];
	deliveries: Delivery[];
	media: Media[];
	channelConfig: Record<
		string,
		{ status: 'active' | 'inactive'; createdAt: string; updatedAt: string }
	>;
}
