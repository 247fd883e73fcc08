import { createHash, createHmac, timingSafeEqual } from 'crypto';

export type VerificationResult =
	| { valid: true }
	| {
			valid: false;
			reason:
				| 'missing-signature'
				| 'missing-timestamp'
				| 'bad-timestamp'
				| 'too-old'
				| 'in-future'
				| 'mismatch';
	  };

/** Five minutes: room for clock skew between Bird and n8n, not for a timestamp chosen by someone else. */
export const DEFAULT_MAX_FUTURE_SECONDS = 300;

export interface DeliveryToVerify {
	/** The raw request body bytes exactly as received. */
	rawBody: Buffer;
	/** The subscription URL exactly as registered with Bird. */
	url: string;
	signatureHeader: string | undefined;
	timestampHeader: string | undefined;
	signingKey: string;
	/** Reject deliveries whose timestamp is older than this; Bird's retries keep the first timestamp. */
	maxAgeSeconds: number;
	/**
	 * Reject deliveries whose timestamp lies further ahead than this: Bird signs when it sends, so only
	 * clock skew can put a genuine timestamp in the future. Without a bound, a delivery signed with a
	 * far-future timestamp would never grow too old. Default: DEFAULT_MAX_FUTURE_SECONDS.
	 */
	maxFutureSeconds?: number;
	nowSeconds?: number;
}

/**
 * Bird's webhook signature check (docs/bird-api.md §7): HMAC-SHA256, keyed with the signing key's bytes, over
 * `timestamp + "\n" + url + "\n" + SHA-256(raw body)` (the raw 32-byte digest), base64-encoded in the
 * `messagebird-signature` header. Pure: no I/O, never throws, never logs the key.
 */
export function verifyBirdSignature(delivery: DeliveryToVerify): VerificationResult {
	const signature = delivery.signatureHeader?.trim();
	const timestamp = delivery.timestampHeader?.trim();
	if (!signature) return { valid: false, reason: 'missing-signature' };
	if (!timestamp) return { valid: false, reason: 'missing-timestamp' };
	if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'bad-timestamp' };

	const bodyHash = createHash('sha256').update(delivery.rawBody).digest();
	const expected = createHmac('sha256', Buffer.from(delivery.signingKey, 'utf8'))
		.update(Buffer.concat([Buffer.from(`${timestamp}\n${delivery.url}\n`, 'utf8'), bodyHash]))
		.digest();
	const given = Buffer.from(signature, 'base64');
	// Compare in constant time; a length mismatch is a mismatch without comparing contents.
	if (given.length !== expected.length || !timingSafeEqual(given, expected))
		return { valid: false, reason: 'mismatch' };

	const now = delivery.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (now - Number(timestamp) > delivery.maxAgeSeconds) return { valid: false, reason: 'too-old' };
	if (Number(timestamp) - now > (delivery.maxFutureSeconds ?? DEFAULT_MAX_FUTURE_SECONDS))
		return { valid: false, reason: 'in-future' };
	return { valid: true };
}
