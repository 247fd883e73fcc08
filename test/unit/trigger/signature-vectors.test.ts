/**
 * verifyBirdSignature against signatures it did not make itself: a vector computed with the openssl CLI
 * (outside Node), and the Bird sandbox's own signer (a separate implementation of docs/bird-api.md §7.5).
 */
import { verifyBirdSignature } from '../../../nodes/BirdConversationsTrigger/verifySignature';
import { signDelivery } from '../../../sandbox/signature';

/*
 * Computed once with openssl 3, independently of this code base:
 *   printf '%s' "$BODY" > body.json
 *   openssl dgst -sha256 -binary body.json > bodyhash.bin
 *   { printf '1719823259\nhttps://n8n.example.com/webhook/abc/webhook\n'; cat bodyhash.bin; } > signed.bin
 *   openssl dgst -sha256 -hmac "$KEY" -binary signed.bin | base64
 */
const VECTOR = {
	key: 'independent-vector-key-0123456789abcdefghij',
	timestamp: '1719823259',
	url: 'https://n8n.example.com/webhook/abc/webhook',
	body: '{"service":"conversations","event":"conversation.created","payload":{"id":"1"}}',
	signature: 'LkIK5YtiYgVU6hSuJPpBHcnTGJt2ZaZVlpz+Vn9TJf4=',
};

const DAY = 86_400;

function check(
	changes: Partial<{
		key: string;
		timestamp: string | undefined;
		url: string;
		body: string;
		signature: string | undefined;
		now: number;
		maxAge: number;
	}> = {},
) {
	const input = { ...VECTOR, now: Number(VECTOR.timestamp) + 60, maxAge: DAY, ...changes };
	return verifyBirdSignature({
		rawBody: Buffer.from(input.body, 'utf8'),
		url: input.url,
		signingKey: input.key,
		signatureHeader: input.signature,
		timestampHeader: input.timestamp,
		maxAgeSeconds: input.maxAge,
		nowSeconds: input.now,
	});
}

describe('verifyBirdSignature with an openssl-computed vector', () => {
	it('accepts the vector', () => {
		expect(check()).toEqual({ valid: true });
	});

	it.each([
		['one character of the body', { body: VECTOR.body.replace('"1"', '"2"') }],
		[
			'whitespace in the body (re-serialised JSON)',
			{ body: JSON.stringify(JSON.parse(VECTOR.body), null, 1) },
		],
		['a trailing slash on the URL', { url: `${VECTOR.url}/` }],
		['http instead of https', { url: VECTOR.url.replace('https:', 'http:') }],
		['the timestamp', { timestamp: '1719823260' }],
		['the key', { key: `${VECTOR.key}x` }],
		[
			'the key read as base64 instead of as text',
			{ key: Buffer.from(VECTOR.key, 'base64').toString('latin1') },
		],
	])('refuses a change of %s', (_label, changes) => {
		expect(check(changes)).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('checks the age only for a valid signature, with the limit inclusive', () => {
		expect(check({ now: Number(VECTOR.timestamp) + DAY })).toEqual({ valid: true });
		expect(check({ now: Number(VECTOR.timestamp) + DAY + 1 })).toEqual({
			valid: false,
			reason: 'too-old',
		});
		// A forged old delivery is a mismatch, not "too old": the reason tells nothing about the key.
		expect(check({ now: Number(VECTOR.timestamp) + DAY + 1, key: 'other' })).toEqual({
			valid: false,
			reason: 'mismatch',
		});
	});

	it('never throws, whatever the headers hold', () => {
		const odd = [
			'',
			' ',
			'x'.repeat(10_000),
			'====',
			'\u0000',
			'LkIK5YtiYgVU6hSuJPpBHcnTGJt2ZaZVlpz+Vn9TJf4',
			undefined,
		];
		for (const signature of odd)
			for (const timestamp of ['', '-1', '1e9', '17198232590000000', 'NaN', undefined]) {
				expect(() => check({ signature, timestamp })).not.toThrow();
				expect(check({ signature, timestamp }).valid).toBe(false);
			}
		expect(check({ body: '' }).valid).toBe(false);
	});

	it('accepts the signature with surrounding spaces (header values may be padded)', () => {
		expect(check({ signature: ` ${VECTOR.signature} ` })).toEqual({ valid: true });
	});
});

describe('verifyBirdSignature against the Bird sandbox’s signer', () => {
	it.each([
		['ASCII JSON', '{"service":"channels","event":"whatsapp.inbound","payload":{"id":"m1"}}'],
		[
			'UTF-8 text and emoji',
			'{"service":"channels","event":"whatsapp.inbound","payload":{"text":"Grüße 👋"}}',
		],
		[
			'a large body',
			JSON.stringify({
				service: 'conversations',
				event: 'conversation.updated',
				payload: { text: 'x'.repeat(200_000) },
			}),
		],
	])('verifies what the sandbox signed: %s', (_label, body) => {
		const key = 'sandbox-cross-check-key-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
		const url = 'http://127.0.0.1:5678/webhook/0d7b6a3e-4c1f-4f8e-9b2a-6e5d4c3b2a10/webhook';
		const timestamp = '1764000000';
		const signature = signDelivery(key, timestamp, url, body);
		const base = {
			rawBody: Buffer.from(body, 'utf8'),
			url,
			signingKey: key,
			signatureHeader: signature,
			timestampHeader: timestamp,
			maxAgeSeconds: DAY,
			nowSeconds: 1764000001,
		};
		expect(verifyBirdSignature(base)).toEqual({ valid: true });
		expect(
			verifyBirdSignature({ ...base, rawBody: Buffer.concat([base.rawBody, Buffer.from(' ')]) }),
		).toEqual({ valid: false, reason: 'mismatch' });
	});
});
