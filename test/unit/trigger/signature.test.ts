import { createHash, createHmac } from 'crypto';

import { verifyBirdSignature } from '../../../nodes/BirdConversationsTrigger/verifySignature';
import { birdSignature as sign } from '../../harness/birdSignature';

describe('verifyBirdSignature', () => {
	const key = 'K3yWithEnoughEntropy-abcdefghijklmnopqrstuvwxyz012345';
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const body = '{"service":"conversations","event":"conversation.created","payload":{"id":"1"}}';
	const now = 1_719_823_259;
	const timestamp = String(now - 60);
	const base = {
		rawBody: Buffer.from(body),
		url,
		signingKey: key,
		timestampHeader: timestamp,
		maxAgeSeconds: 86_400,
		nowSeconds: now,
	};

	it('accepts a delivery signed with the subscription key over timestamp, URL and body hash', () => {
		expect(
			verifyBirdSignature({ ...base, signatureHeader: sign(key, timestamp, url, body) }),
		).toEqual({ valid: true });
	});

	it('matches a fixed vector (guards against both sides drifting together)', () => {
		// HMAC-SHA256("k", "1\nhttps://a.example.com/h\n" + SHA-256("{}")), base64.
		const vector = createHmac('sha256', 'k')
			.update(
				Buffer.concat([
					Buffer.from('1\nhttps://a.example.com/h\n'),
					Buffer.from('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', 'hex'),
				]),
			)
			.digest('base64');
		const result = verifyBirdSignature({
			rawBody: Buffer.from('{}'),
			url: 'https://a.example.com/h',
			signingKey: 'k',
			timestampHeader: '1',
			signatureHeader: vector,
			maxAgeSeconds: 10,
			nowSeconds: 5,
		});
		expect(result).toEqual({ valid: true });
	});

	it.each([
		['a wrong key', { signatureHeader: sign('another-key', timestamp, url, body) }, 'mismatch'],
		[
			'a tampered body',
			{
				signatureHeader: sign(key, timestamp, url, body),
				rawBody: Buffer.from(body.replace('"1"', '"2"')),
			},
			'mismatch',
		],
		[
			'a different URL',
			{ signatureHeader: sign(key, timestamp, url, body), url: `${url}/` },
			'mismatch',
		],
		[
			'a changed timestamp',
			{ signatureHeader: sign(key, timestamp, url, body), timestampHeader: String(now - 30) },
			'mismatch',
		],
		['no signature', { signatureHeader: undefined }, 'missing-signature'],
		[
			'no timestamp',
			{ signatureHeader: sign(key, timestamp, url, body), timestampHeader: undefined },
			'missing-timestamp',
		],
		[
			'a non-numeric timestamp',
			{ signatureHeader: 'x', timestampHeader: 'yesterday' },
			'bad-timestamp',
		],
		['garbage instead of base64', { signatureHeader: '%%%' }, 'mismatch'],
	])('rejects %s', (_label, change, reason) => {
		expect(verifyBirdSignature({ ...base, ...(change as object) } as never)).toEqual({
			valid: false,
			reason,
		});
	});

	it('rejects a validly signed delivery older than the age limit, and accepts it within a wider limit', () => {
		const old = String(now - 25 * 3600);
		const signatureHeader = sign(key, old, url, body);
		expect(verifyBirdSignature({ ...base, timestampHeader: old, signatureHeader })).toEqual({
			valid: false,
			reason: 'too-old',
		});
		expect(
			verifyBirdSignature({
				...base,
				timestampHeader: old,
				signatureHeader,
				maxAgeSeconds: 48 * 3600,
			}),
		).toEqual({ valid: true });
	});

	it('rejects a validly signed delivery from more than 5 minutes in the future; the bound is configurable', () => {
		const ahead = (seconds: number) => {
			const timestamp = String(now + seconds);
			return {
				...base,
				timestampHeader: timestamp,
				signatureHeader: sign(key, timestamp, url, body),
			};
		};
		expect(verifyBirdSignature(ahead(3600))).toEqual({ valid: false, reason: 'in-future' });
		expect(verifyBirdSignature(ahead(301))).toEqual({ valid: false, reason: 'in-future' });
		// Clock skew of a few minutes is fine.
		expect(verifyBirdSignature(ahead(299))).toEqual({ valid: true });
		expect(verifyBirdSignature({ ...ahead(3600), maxFutureSeconds: 7200 })).toEqual({
			valid: true,
		});
		expect(verifyBirdSignature({ ...ahead(1), maxFutureSeconds: 0 })).toEqual({
			valid: false,
			reason: 'in-future',
		});
		// A year ahead never grows "too old" under the age limit alone: it must be refused.
		expect(
			verifyBirdSignature({ ...ahead(365 * 86_400), maxAgeSeconds: 10 * 365 * 86_400 }),
		).toEqual({ valid: false, reason: 'in-future' });
	});
});
