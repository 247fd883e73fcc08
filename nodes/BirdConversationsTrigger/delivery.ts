import type { IDataObject } from 'n8n-workflow';

import type { Registration } from './registrations';
import type { VerificationResult } from './verifySignature';
import { verifyBirdSignature } from './verifySignature';

/** Bird's delivery envelope (docs/bird-api.md §7). */
export interface BirdEnvelope extends IDataObject {
	service: string;
	event: string;
	payload?: IDataObject;
}

/** The request body as bytes: n8n keeps the raw body for webhooks; the parsed body is the fallback. */
export function rawBodyOf(request: { rawBody?: unknown; body?: unknown }): Buffer {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return Buffer.from(
		typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? ''),
	);
}

/** The envelope, or why the body is not one. */
export function parseEnvelope(rawBody: Buffer): { envelope: BirdEnvelope } | { problem: string } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { problem: 'Body is not JSON' };
	}
	const envelope = parsed as IDataObject | null;
	if (
		!envelope ||
		typeof envelope !== 'object' ||
		typeof envelope.event !== 'string' ||
		typeof envelope.service !== 'string'
	) {
		return { problem: 'Body is not a Bird notification ({service, event, payload})' };
	}
	return { envelope: envelope as BirdEnvelope };
}

export interface DeliveryHeaders {
	signature?: string;
	timestamp?: string;
	requestId?: string;
}

export interface Limits {
	maxAgeSeconds: number;
	maxFutureSeconds: number;
}

/**
 * Checks a delivery against every subscription this node made for its event. Both the test and the
 * production registration are tried: n8n may report either URL inside a webhook call. Returns the
 * registered URL the signature was made for, or the reason for a refusal (never a key).
 */
export function verifyDelivery(
	registrations: Registration[],
	envelope: BirdEnvelope,
	rawBody: Buffer,
	headers: DeliveryHeaders,
	limits: Limits,
): { url: string } | { refusal: string } {
	const candidates = registrations.flatMap((registration) =>
		registration.subscriptions
			.filter((s) => s.event === envelope.event && s.service === envelope.service)
			.map((subscription) => ({ url: registration.url, subscription })),
	);
	if (candidates.length === 0) return { refusal: 'Unknown event for this trigger' };
	const results: Array<{ url: string; result: VerificationResult }> = candidates.map(
		({ url, subscription }) => ({
			url,
			result: verifyBirdSignature({
				rawBody,
				url,
				signatureHeader: headers.signature,
				timestampHeader: headers.timestamp,
				signingKey: subscription.signingKey,
				...limits,
			}),
		}),
	);
	const valid = results.find((r) => r.result.valid);
	if (valid) return { url: valid.url };
	const failures = results
		.map((r) => r.result)
		.filter((r): r is Extract<VerificationResult, { valid: false }> => !r.valid);
	const reason = failures.find((r) => r.reason !== 'mismatch') ?? failures[0];
	return { refusal: `Signature check failed (${reason.reason})` };
}
