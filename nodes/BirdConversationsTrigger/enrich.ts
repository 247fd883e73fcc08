import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	binaryPropertyName,
	describeMedia,
	downloadMedia,
	downloadSettings,
	mediaIn,
	MediaDownloadError,
} from '../shared/media';
import { birdApiRequest, getBirdCredentials, workspaceSegment } from '../shared/transport';
import { channelContactOf, conversationIdIn, obj } from './messageShape';

/**
 * Calls made while Bird waits for the answer to a delivery. One retry at most, and a failure never drops
 * the event: the item carries the reason instead (a thrown error would answer 500 and make Bird redeliver
 * an event whose ID is already marked as received).
 */
const RETRIES_WHILE_BIRD_WAITS = 1;

export interface ItemError extends IDataObject {
	message: string;
}

function asItemError(error: unknown): ItemError {
	const failure = error as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
	};
	const result: ItemError = { message: failure.message ?? 'Request failed' };
	if (failure.description) result.description = failure.description;
	if (failure.httpCode) result.httpCode = failure.httpCode;
	return result;
}

/** Of several conversations, the one updated last (Bird documents no order for this list). */
export function mostRecentlyUpdated(conversations: IDataObject[]): IDataObject | undefined {
	const time = (c: IDataObject) => {
		const parsed = Date.parse(String(c.updatedAt ?? c.createdAt ?? ''));
		return Number.isNaN(parsed) ? -Infinity : parsed;
	};
	return conversations.reduce<IDataObject | undefined>(
		(best, c) => (!best || time(c) > time(best) ? c : best),
		undefined,
	);
}

/** The conversation fields a workflow needs next to a channel message. */
export function conversationSummary(conversation: IDataObject): IDataObject {
	const summary: IDataObject = {};
	for (const field of [
		'id',
		'name',
		'status',
		'visibility',
		'channelId',
		'activeParticipantCount',
		'createdAt',
		'updatedAt',
	]) {
		if (conversation[field] !== undefined) summary[field] = conversation[field];
	}
	const last = obj(conversation.lastMessage);
	if (last.id)
		summary.lastMessage = {
			id: last.id,
			type: last.type,
			preview: last.preview,
			createdAt: last.createdAt,
		};
	return summary;
}

export type Resolution =
	{ conversationId: string; conversation?: IDataObject } | { conversationError: ItemError };

/**
 * Finds the conversation of a channel message. Bird's channel events name the contact and the channel,
 * not the conversation (docs/bird-api.md §6), so it is looked up through the contact's active
 * conversations on that channel (§4). A payload that names its conversation is taken at its word.
 */
export async function resolveConversation(
	this: IWebhookFunctions,
	payload: IDataObject,
): Promise<Resolution> {
	const named = conversationIdIn(payload);
	if (named) return { conversationId: named };
	const channelId = typeof payload.channelId === 'string' ? payload.channelId.trim() : '';
	// A conversation without a channel may report the nil UUID (Bird's schema wants a uuid there).
	const noChannel = !channelId || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(channelId);
	const contact = channelContactOf(payload);
	if (noChannel)
		return {
			conversationError: {
				message: 'The event names no channel, so its conversation cannot be looked up',
			},
		};
	if (!contact || (!contact.identifierValue && !contact.id)) {
		return {
			conversationError: {
				message: 'The event names no contact, so its conversation cannot be looked up',
			},
		};
	}
	const { workspaceId } = await getBirdCredentials.call(this);
	const participant =
		contact.identifierKey && contact.identifierValue
			? `${encodeURIComponent(contact.identifierKey)}/${encodeURIComponent(contact.identifierValue)}`
			: encodeURIComponent(String(contact.id ?? contact.identifierValue));
	const who = contact.identifierValue ?? contact.id;
	try {
		const response = await birdApiRequest.call(
			this,
			'GET',
			`/workspaces/${workspaceSegment(workspaceId)}/participants/${participant}/conversations`,
			{
				qs: { channelId, status: 'active' },
				resourceLabel: 'contact',
				resourceId: who,
				maxRetries: RETRIES_WHILE_BIRD_WAITS,
			},
		);
		const found = mostRecentlyUpdated(
			(Array.isArray(response.results) ? response.results : []).map(obj),
		);
		if (!found?.id) {
			return {
				conversationError: {
					message: `Bird has no active conversation of ${String(who)} on channel ${channelId}`,
				},
			};
		}
		return { conversationId: String(found.id), conversation: conversationSummary(found) };
	} catch (error) {
		return { conversationError: asItemError(error) };
	}
}

/** The whole last message of a conversation event (which carries only a preview), or why not. */
export async function fetchLastMessage(
	this: IWebhookFunctions,
	payload: IDataObject,
): Promise<{ lastMessage: IDataObject } | { lastMessageError: ItemError } | undefined> {
	const lastId = obj(payload.lastMessage).id;
	if (!lastId || !payload.id) return undefined;
	const { workspaceId } = await getBirdCredentials.call(this);
	const path = `/workspaces/${workspaceSegment(workspaceId)}/conversations/${encodeURIComponent(String(payload.id))}/messages/${encodeURIComponent(String(lastId))}`;
	try {
		return {
			lastMessage: await birdApiRequest.call(this, 'GET', path, {
				resourceLabel: 'message',
				resourceId: String(lastId),
				maxRetries: RETRIES_WHILE_BIRD_WAITS,
			}),
		};
	} catch (error) {
		return { lastMessageError: asItemError(error) };
	}
}

/**
 * The media of a channel message as n8n binary data. A file that cannot be had is listed in mediaErrors
 * with the reason: the event itself is never dropped for it.
 */
export async function downloadMessageMedia(
	this: IWebhookFunctions,
	payload: IDataObject,
	maxMegabytes: number,
): Promise<{ binary: IBinaryKeyData; mediaErrors: IDataObject[] }> {
	const refs = mediaIn(payload.body);
	const binary: IBinaryKeyData = {};
	const mediaErrors: IDataObject[] = [];
	if (!refs.length) return { binary, mediaErrors };
	const credentials = await getBirdCredentials.call(this);
	const settings = downloadSettings(credentials, maxMegabytes);
	for (const ref of refs) {
		try {
			binary[binaryPropertyName(Object.keys(binary).length)] = await downloadMedia.call(
				this,
				ref,
				settings,
			);
		} catch (error) {
			const known = error instanceof MediaDownloadError;
			mediaErrors.push({
				attachment: describeMedia(ref),
				url: ref.url,
				message: `${describeMedia(ref)} ${known ? error.message : `could not be downloaded: ${(error as Error).message}`}`,
				...(known && error.httpCode ? { httpCode: error.httpCode } : {}),
			});
		}
	}
	return { binary, mediaErrors };
}
