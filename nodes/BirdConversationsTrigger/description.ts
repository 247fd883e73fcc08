import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS, INTERACTION_OPTIONS, PLATFORM_OPTIONS, STATUS_OPTIONS } from './events';

const MESSAGE_EVENTS = ['message.inbound', 'message.outbound', 'message.interaction'];

/**
 * When n8n answers Bird, from the "Acknowledge Delivery" option: on receipt (n8n's `onReceived`, once the
 * run is queued or started) or once the run has ended (`lastNode`: 2xx when it succeeded, 500 when it
 * failed, and Bird retries any answer that is not 2xx). n8n evaluates this expression per delivery.
 */
export const ACKNOWLEDGE_RESPONSE_MODE =
	'={{($parameter["options"] || {})["acknowledge"] === "afterRun" ? "lastNode" : "onReceived"}}';

/** The trigger's parameters (the node class description around them is in BirdConversationsTrigger.node.ts). */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Bird delivers only to public https:// URLs. Each event is one Bird subscription and every delivery is one execution.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['conversation.created'],
		options: EVENT_OPTIONS,
		description: 'Which Bird events start the workflow',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		default: 'whatsapp',
		options: PLATFORM_OPTIONS,
		description: 'The channel platform of the message events',
		displayOptions: { show: { events: MESSAGE_EVENTS } },
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 199f0353-fcb8-41b2-afd6-614c6baf3850',
		description: 'Only events of this channel. Leave empty for every channel.',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: [],
		options: STATUS_OPTIONS,
		displayOptions: { show: { events: ['message.outbound'] } },
		description:
			'Message Sent: start the workflow only for these statuses, filtered by Bird (one subscription per status, each counting towards Bird’s limit of 5 per filter combination). Leave empty for every status update.',
	},
	{
		displayName: 'Interaction Types',
		name: 'interactionTypes',
		type: 'multiOptions',
		default: [],
		options: INTERACTION_OPTIONS,
		displayOptions: { show: { events: ['message.interaction'] } },
		description:
			'Message Interaction: only these interaction types, filtered by Bird (one subscription per type). Leave empty for every type. Bird documents the types but not the event name; this trigger subscribes to the platform’s interaction event (e.g. whatsapp.interaction).',
	},
	{
		displayName: 'Resolve Conversation',
		name: 'resolveConversation',
		type: 'boolean',
		default: true,
		displayOptions: { show: { events: MESSAGE_EVENTS } },
		description:
			'Whether to add the conversation (conversationId and a summary) to message events. Bird’s message events name the contact and the channel but not the conversation, so it is looked up: one API call per delivery. If none is found, the item carries conversationError instead.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Acknowledge Delivery',
				name: 'acknowledge',
				type: 'options',
				default: 'onReceipt',
				options: [
					{
						name: 'On Receipt',
						value: 'onReceipt',
						description:
							'Answer Bird as soon as the run is queued or started. If the run then fails, Bird does not deliver the event again.',
					},
					{
						name: 'After the Run Succeeded',
						value: 'afterRun',
						description:
							'Answer Bird only when the run has finished: 2xx if it succeeded, an error if it failed, so that Bird delivers the event again (for up to 8 hours). A run may then happen more than once.',
					},
				],
				description:
					'When n8n tells Bird the delivery arrived. "After the Run Succeeded" keeps an event whose run failed (e.g. n8n’s database timing out under load), but every failure is retried, including those of the workflow’s own logic, and a run that outlasts Bird’s delivery timeout (not documented) is delivered again.',
			},
			{
				displayName: 'Download Media',
				name: 'downloadMedia',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the images, files and GIFs of a message event as binary data (data, data_1, …), with their file names and MIME types. The JSON keeps the URLs. The access key is sent only to Bird’s own hosts. A file that cannot be downloaded is listed in mediaErrors; the event still runs.',
			},
			{
				displayName: 'Fetch Full Last Message',
				name: 'fetchLastMessage',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the whole last message (with its body) for conversation events, which carry only a preview. Costs one API call per delivery.',
			},
			{
				displayName: 'Ignore Messages From Access Keys',
				name: 'ignoreOwnMessages',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip conversation events whose last message an access key sent, such as this workflow’s own replies (avoids reply loops). Bird’s message events name the channel, not the access key, as sender, so they are not skipped.',
			},
			{
				displayName: 'Ignored Access Key ID',
				name: 'ownAccessKeyId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 68b80b8d-8060-42df-bda3-73505a8fdb84',
				description:
					'With "Ignore Messages From Access Keys": skip only messages of this access key (its ID, not its secret, as shown in Bird under Access keys). Leave empty to skip every access key.',
			},
			{
				displayName: 'Max Delivery Age (Hours)',
				name: 'maxAgeHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 24,
				description:
					'Reject deliveries signed longer ago than this. Bird retries for hours and keeps the first timestamp, so keep it generous.',
			},
			{
				displayName: 'Max Media Size (MB)',
				name: 'maxMediaMegabytes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 25,
				description:
					'With Download Media: larger files are not downloaded and are listed in mediaErrors instead',
			},
			{
				displayName: 'Max Timestamp Ahead (Minutes)',
				name: 'maxFutureMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'Reject deliveries whose signed timestamp lies more than this many minutes ahead of n8n’s clock. Bird signs when it sends, so only clock skew explains a timestamp from the future.',
			},
			{
				displayName: 'Only Incoming',
				name: 'onlyIncoming',
				type: 'boolean',
				default: false,
				description:
					'Whether to start the workflow only when the message is incoming (from a contact)',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description:
					'Whether to return a flat view: conversation, channel, status, contact, message, direction and, for a failed message, the reason',
			},
		],
	},
];
