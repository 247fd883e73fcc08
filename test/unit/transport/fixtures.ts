/** Requests and nodes shared by the transport tests. */
import type { INodeExecutionData } from 'n8n-workflow';

import { DEMO_IDS, locator, type BirdTestCredentials } from '../../harness';
import { TriggerWorld } from '../../harness/trigger-engine';

export const CONVERSATION_ID = '67e4d358-ca94-421e-98b7-448860df9d33';
export const conversation = { id: CONVERSATION_ID, name: 'Ticket', status: 'active' };
/** Conversation → Get (a GET) and Conversation → Create (a POST) of that conversation. */
export const get = {
	resource: 'conversation',
	operation: 'get',
	conversationId: locator(CONVERSATION_ID),
};
export const create = {
	resource: 'conversation',
	operation: 'create',
	name: 'Ticket',
	channelId: DEMO_IDS.channels.sms,
};

/** An input item with a small PNG in the binary property `data`, for Send from Binary Data. */
export function binaryItem(bytes = 'png'): INodeExecutionData {
	return {
		json: {},
		binary: {
			data: {
				data: Buffer.from(bytes).toString('base64'),
				mimeType: 'image/png',
				fileName: 'a.png',
			},
		},
	};
}

/** The Bird Conversations Trigger for one event (conversation.created by default), at a local n8n address. */
export function triggerWorld(
	credentials: BirdTestCredentials,
	parameters: Record<string, unknown> = {},
): TriggerWorld {
	return new TriggerWorld({
		parameters: {
			events: ['conversation.created'],
			platform: 'whatsapp',
			channelId: '',
			...parameters,
		} as never,
		credentials,
		publicUrl: 'http://127.0.0.1:5678',
	});
}
