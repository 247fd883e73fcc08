import { createHash, createHmac } from 'node:crypto';

/**
 * Bird's webhook signature (docs/bird-api.md §7.5), written out for the tests on its own: neither the
 * trigger's verifier nor the sandbox's signer is imported, so a mistake in one of them cannot hide in the
 * test. base64(HMAC-SHA256(key, timestamp + "\n" + url + "\n" + SHA-256(raw body))).
 */
export function birdSignature(
	signingKey: string,
	timestamp: string,
	url: string,
	rawBody: Buffer | string,
): string {
	const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
	const digest = createHash('sha256').update(body).digest();
	return createHmac('sha256', Buffer.from(signingKey, 'utf8'))
		.update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`, 'utf8'), digest]))
		.digest('base64');
}

/** The three headers Bird sends with a delivery (docs/bird-api.md §7.4). */
export function birdDeliveryHeaders(
	signingKey: string,
	url: string,
	rawBody: Buffer | string,
	options: { timestamp?: number; requestId?: string } = {},
): Record<string, string> {
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	return {
		'messagebird-signature': birdSignature(signingKey, timestamp, url, rawBody),
		'messagebird-request-timestamp': timestamp,
		'messagebird-request-id':
			options.requestId ?? `test-${Math.random().toString(36).slice(2)}-${Date.now()}`,
	};
}
