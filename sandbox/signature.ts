import { createHash, createHmac } from 'crypto';

/**
 * Bird's webhook signature (docs/bird-api.md §7.5): base64 of HMAC-SHA256, keyed with the signing key's bytes
 * as given, over `timestamp + "\n" + url + "\n" + SHA-256(raw body)` where the hash is the raw 32 bytes.
 */
export function signDelivery(
	signingKey: string,
	timestamp: string,
	url: string,
	rawBody: string | Buffer,
): string {
	const bodyHash = createHash('sha256').update(rawBody).digest();
	return createHmac('sha256', Buffer.from(signingKey, 'utf8'))
		.update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`, 'utf8'), bodyHash]))
		.digest('base64');
}
