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

/**
 * Deliveries already taken, per trigger node, in the memory of one process: bounded, oldest forgotten
 * first. A delivery counts once any of its tokens is known. Pure apart from its own state, so it is tested
 * on its own; the trigger holds one instance per process.
 */
export class DeliveryMemory {
	private readonly byNode = new Map<string, string[]>();

	constructor(private readonly limit = 2000) {}

	/** True when the delivery was seen before; otherwise remembers its tokens and returns false. */
	seenBefore(nodeKey: string, tokens: string[]): boolean {
		const list = this.byNode.get(nodeKey) ?? [];
		if (tokens.some((token) => list.includes(token))) return true;
		list.push(...tokens);
		if (list.length > this.limit) list.splice(0, list.length - this.limit);
		this.byNode.set(nodeKey, list);
		return false;
	}

	/** Forgets a delivery again, so that Bird's retry of it runs (n8n did not acknowledge it). */
	forget(nodeKey: string, tokens: string[]): void {
		const list = this.byNode.get(nodeKey);
		if (!list) return;
		for (const token of tokens) {
			const index = list.indexOf(token);
			if (index >= 0) list.splice(index, 1);
		}
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
 * execution, and starting it can still fail (under a burst n8n's SQLite write lock can time out, and n8n
 * answers 500). Bird then retries with the same request ID, and that retry must run, or the event is lost.
 * So the delivery is forgotten again unless n8n ended the response with a 2xx, which in onReceived mode
 * it sends only after the execution has started.
 */
export function forgetUnlessAcknowledged(response: ClosableResponse, forget: () => void): void {
	if (typeof response.once !== 'function') return;
	response.once('close', () => {
		const status = Number(response.statusCode ?? 0);
		if (!(response.writableEnded === true && status >= 200 && status < 300)) forget();
	});
}
