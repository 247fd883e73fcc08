import { verifyBirdSignature } from '../../nodes/BirdConversationsTrigger/verifySignature';
import { signDelivery } from '../../sandbox/signature';
import { median } from '../lib/stats';

export interface VerifyResult {
	bodyBytes: number;
	/** Microseconds per delivery: checking Bird's signature, and JSON.parse of the same body for scale. */
	verifyUs: number;
	parseUs: number;
}

/**
 * The trigger's own cost per delivery: the signature check (SHA-256 of the body, HMAC, constant-time
 * compare) on a real delivery body, timed in this process; JSON.parse of the same body, which n8n does
 * for every webhook anyway, is the yardstick.
 */
export function benchVerify(body: string, runs: number, iterations = 20_000): VerifyResult {
	const url = 'https://n8n.example.com/webhook/0b6f2a10-5a1e-4c53-9d0f-1a2b3c4d5e01/webhook';
	const signingKey = 'bench-signing-key-0123456789abcdef';
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signatureHeader = signDelivery(signingKey, timestamp, url, body);
	const rawBody = Buffer.from(body);
	const time = (work: () => void) => {
		const samples: number[] = [];
		for (let run = 0; run < runs; run++) {
			const started = process.hrtime.bigint();
			for (let i = 0; i < iterations; i++) work();
			samples.push(Number(process.hrtime.bigint() - started) / 1000 / iterations);
		}
		return median(samples);
	};
	const verify = () => {
		if (
			!verifyBirdSignature({
				rawBody,
				url,
				signatureHeader,
				timestampHeader: timestamp,
				signingKey,
				maxAgeSeconds: 86_400,
			}).valid
		)
			throw new Error('the benchmark signature did not verify');
	};
	verify();
	return {
		bodyBytes: rawBody.length,
		verifyUs: time(verify),
		parseUs: time(() => JSON.parse(body)),
	};
}
