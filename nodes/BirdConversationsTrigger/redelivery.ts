import { createHash } from 'crypto';

/**
 * What makes two deliveries "the same" for the trigger. Bird's own retry repeats the request ID. A copy
 * of a captured delivery re-posted under a fresh request ID still carries the same signature, which
 * covers timestamp, URL and body, so the signature catches it. It is taken as the bytes it decodes to,
 * because base64 accepts several spellings of the same bytes. Call this only for a verified delivery:
 * then those bytes are the HMAC this trigger computed with its own key.
 */
export function deliveryTokens(delivery: { requestId?: string; signature: string }): string[] {
	const signed = createHash('sha256')
		.update(Buffer.from(delivery.signature.trim(), 'base64'))
		.digest('hex');
	const tokens = [`signature:${signed}`];
	if (delivery.requestId) tokens.push(`id:${delivery.requestId}`);
	return tokens;
}

/** What the trigger knows of a delivery: new, still being taken by an earlier attempt, or acknowledged. */
export type DeliveryState = 'new' | 'inFlight' | 'acknowledged';

/**
 * Deliveries taken, per trigger node, in the memory of one process: bounded, oldest forgotten first. A
 * delivery counts as known once any of its tokens is. It is "in flight" from the moment its webhook() runs
 * until n8n has answered it, and "acknowledged" once n8n answered 2xx. Only an acknowledged delivery may be
 * answered "Already received": a retry that arrives while n8n is still handling the first attempt (its
 * connection still open, e.g. a proxy held it after Bird's own attempt timed out) must not be acknowledged,
 * because that first attempt can still fail, and then nothing would run for the event. Pure apart from its own state, so it is tested on its own; the trigger
 * holds one instance per process.
 */
export class DeliveryMemory {
	private readonly byNode = new Map<string, Map<string, 'inFlight' | 'acknowledged'>>();

	constructor(private readonly limit = 2000) {}

	/** The delivery's state before this attempt; a new delivery is remembered as in flight. */
	take(nodeKey: string, tokens: string[]): DeliveryState {
		const known = this.byNode.get(nodeKey) ?? new Map<string, 'inFlight' | 'acknowledged'>();
		const states = tokens.map((token) => known.get(token));
		if (states.includes('acknowledged')) return 'acknowledged';
		if (states.includes('inFlight')) return 'inFlight';
		for (const token of tokens) known.set(token, 'inFlight');
		// A Map keeps insertion order, so the first keys are the oldest.
		for (const oldest of known.keys()) {
			if (known.size <= this.limit) break;
			known.delete(oldest);
		}
		this.byNode.set(nodeKey, known);
		return 'new';
	}

	/** n8n answered the delivery with a 2xx: from now on a retry of it is "Already received". */
	acknowledge(nodeKey: string, tokens: string[]): void {
		const known = this.byNode.get(nodeKey);
		for (const token of tokens) if (known?.has(token)) known.set(token, 'acknowledged');
	}

	/** Forgets a delivery again, so that Bird's retry of it runs (n8n did not acknowledge it). */
	forget(nodeKey: string, tokens: string[]): void {
		const known = this.byNode.get(nodeKey);
		for (const token of tokens) known?.delete(token);
	}
}

/** The parts of n8n's Express response that tell whether n8n acknowledged the delivery. */
export type ClosableResponse = {
	once?: (event: 'close', listener: () => void) => unknown;
	statusCode?: number;
	writableEnded?: boolean;
};

/**
 * A delivery counts as received only once n8n has acknowledged it. webhook() runs before n8n starts the
 * execution, and starting it can still fail (under a burst n8n's database can time out, and n8n answers
 * 500). Bird then retries with the same request ID, and that retry must run, or the event is lost. So
 * when n8n's response closes, the delivery is acknowledged if n8n ended it with a 2xx (which in
 * onReceived mode it sends only after the execution was queued or started), and forgotten otherwise.
 */
export function settleWhenAnswered(
	response: ClosableResponse,
	outcome: { acknowledged: () => void; refused: () => void },
): void {
	if (typeof response.once !== 'function') return outcome.acknowledged();
	response.once('close', () => {
		const status = Number(response.statusCode ?? 0);
		if (response.writableEnded === true && status >= 200 && status < 300) outcome.acknowledged();
		else outcome.refused();
	});
}
