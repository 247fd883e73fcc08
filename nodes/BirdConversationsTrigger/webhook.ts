import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DEFAULT_MAX_MEDIA_MB } from '../shared/constants';
import type { BirdEnvelope } from './delivery';
import { parseEnvelope, rawBodyOf, verifyDelivery } from './delivery';
import { downloadMessageMedia, fetchLastMessage, resolveConversation } from './enrich';
import { directionOf, sentByAccessKey, simplifyEvent } from './messageShape';
import type { TriggerStaticData } from './registrations';
import type { ClosableResponse } from './redelivery';
import { DeliveryMemory, deliveryTokens, settleWhenAnswered } from './redelivery';

/** Deliveries already taken, in this process (per trigger node); see redelivery.ts. */
const memory = new DeliveryMemory();

interface TriggerOptions {
	downloadMedia?: boolean;
	maxMediaMegabytes?: number;
	fetchLastMessage?: boolean;
	ignoreOwnMessages?: boolean;
	ownAccessKeyId?: string;
	maxAgeHours?: number;
	maxFutureMinutes?: number;
	onlyIncoming?: boolean;
	simplify?: boolean;
}

function answer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * Read-only: any change to static data here makes n8n save the whole static data after the delivery,
 * which could overwrite signing keys written by a re-activation running meanwhile.
 */
function storedRegistrations(context: IWebhookFunctions) {
	return Object.values(
		(context.getWorkflowStaticData('node') as TriggerStaticData).registrations ?? {},
	);
}

/** Why a verified delivery starts no run, or undefined when it does. */
function skipReason(envelope: BirdEnvelope, options: TriggerOptions): string | undefined {
	const payload = envelope.payload ?? {};
	const ownKeyId = String(options.ownAccessKeyId ?? '').trim();
	if (options.ignoreOwnMessages === true && sentByAccessKey(envelope.service, payload, ownKeyId)) {
		return 'Ignored (sent by an access key)';
	}
	if (options.onlyIncoming === true && directionOf(envelope.service, payload) !== 'incoming')
		return 'Ignored (not incoming)';
	return undefined;
}

/** The item a run starts with: the delivery as Bird sent it, plus what was looked up for it. */
async function itemFor(
	this: IWebhookFunctions,
	envelope: BirdEnvelope,
	requestId: string,
	timestamp: string,
	options: TriggerOptions,
): Promise<IDataObject> {
	const payload = envelope.payload ?? {};
	const added: IDataObject = {};
	if (
		envelope.service === 'channels' &&
		this.getNodeParameter('resolveConversation', true) === true
	) {
		Object.assign(added, await resolveConversation.call(this, payload));
	}
	if (envelope.service === 'conversations' && options.fetchLastMessage === true) {
		Object.assign(added, await fetchLastMessage.call(this, payload));
	}
	const deliveryId = requestId || undefined;
	if (options.simplify === true) {
		const { conversationId, ...rest } = added;
		return {
			...simplifyEvent(
				envelope.event,
				envelope.service,
				payload,
				conversationId as string | undefined,
			),
			deliveryId,
			...rest,
		};
	}
	return {
		event: envelope.event,
		service: envelope.service,
		payload,
		...added,
		deliveryId,
		deliveryTimestamp: timestamp,
	};
}

/** One delivery from Bird: parse → verify → dedupe → filter → enrich and shape. */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const headers = this.getHeaderData() as Record<string, string | undefined>;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const rawBody = rawBodyOf(
		this.getRequestObject() as unknown as { rawBody?: unknown; body?: unknown },
	);

	const parsed = parseEnvelope(rawBody);
	if ('problem' in parsed) return answer(this, 400, parsed.problem);
	const { envelope } = parsed;

	const timestamp = headers['messagebird-request-timestamp'] ?? '';
	const signature = headers['messagebird-signature'] ?? '';
	const verified = verifyDelivery(
		storedRegistrations(this),
		envelope,
		rawBody,
		{ signature, timestamp },
		{
			maxAgeSeconds: Math.max(1, Number(options.maxAgeHours ?? 24)) * 3600,
			maxFutureSeconds: Math.max(0, Number(options.maxFutureMinutes ?? 5)) * 60,
		},
	);
	if ('refusal' in verified) return answer(this, 401, verified.refusal);

	const requestId = headers['messagebird-request-id'] ?? '';
	const nodeKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	const tokens = deliveryTokens({ requestId, signature });
	const state = memory.take(nodeKey, tokens);
	if (state === 'acknowledged') return answer(this, 200, 'Already received');
	// Not 2xx: the first attempt may still fail, and then this retry (or a later one) has to run.
	if (state === 'inFlight') {
		this.getResponseObject().setHeader('Retry-After', '30');
		return answer(
			this,
			503,
			'An earlier attempt of this delivery is still being handled; retry later',
		);
	}
	settleWhenAnswered(this.getResponseObject() as unknown as ClosableResponse, {
		acknowledged: () => memory.acknowledge(nodeKey, tokens),
		refused: () => memory.forget(nodeKey, tokens),
	});

	const skip = skipReason(envelope, options);
	if (skip) return { webhookResponse: skip };

	const json = await itemFor.call(this, envelope, requestId, timestamp, options);
	const output: INodeExecutionData[] = [{ json }];
	if (envelope.service === 'channels' && options.downloadMedia === true) {
		const { binary, mediaErrors } = await downloadMessageMedia.call(
			this,
			envelope.payload ?? {},
			Number(options.maxMediaMegabytes ?? DEFAULT_MAX_MEDIA_MB),
		);
		if (Object.keys(binary).length) output[0].binary = binary;
		if (mediaErrors.length) json.mediaErrors = mediaErrors;
	}
	return { workflowData: [output] };
}
