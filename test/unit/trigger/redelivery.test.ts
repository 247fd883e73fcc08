import {
	DeliveryMemory,
	deliveryTokens,
	settleWhenAnswered,
} from '../../../nodes/BirdConversationsTrigger/redelivery';
import { EventEmitter } from 'node:events';

const signature = Buffer.alloc(32, 7).toString('base64');

describe('deliveryTokens', () => {
	it('names a delivery by its request ID and by the bytes its signature decodes to', () => {
		const tokens = deliveryTokens({ requestId: 'r-1', signature });
		expect(tokens).toHaveLength(2);
		expect(tokens).toContain('id:r-1');
		// Whitespace around the header changes nothing; another signature is another delivery.
		expect(deliveryTokens({ signature: ` ${signature} ` })[0]).toBe(
			tokens.find((t) => t.startsWith('signature:')),
		);
		expect(deliveryTokens({ signature: Buffer.alloc(32, 8).toString('base64') })[0]).not.toBe(
			tokens[0],
		);
	});

	it('has no request-ID token when Bird sent none', () => {
		expect(deliveryTokens({ signature })).toHaveLength(1);
	});
});

describe('DeliveryMemory', () => {
	it('knows a delivery by any of its tokens, per node, and keeps a new one as in flight', () => {
		const memory = new DeliveryMemory();
		expect(memory.take('wf:node', ['id:a', 'signature:x'])).toBe('new');
		expect(memory.take('wf:node', ['id:b', 'signature:x'])).toBe('inFlight');
		expect(memory.take('wf:node', ['id:a', 'signature:y'])).toBe('inFlight');
		expect(memory.take('wf:other', ['id:a', 'signature:x'])).toBe('new');
	});

	it('calls a delivery received only once n8n acknowledged it', () => {
		const memory = new DeliveryMemory();
		memory.take('n', ['id:a', 'signature:x']);
		memory.acknowledge('n', ['id:a', 'signature:x']);
		expect(memory.take('n', ['id:a', 'signature:x'])).toBe('acknowledged');
		expect(memory.take('n', ['signature:x'])).toBe('acknowledged');
		// Acknowledging what was never taken (or was forgotten) remembers nothing.
		memory.acknowledge('n', ['id:never']);
		expect(memory.take('n', ['id:never'])).toBe('new');
	});

	it('forgets a delivery wholly, so Bird’s retry of it runs', () => {
		const memory = new DeliveryMemory();
		memory.take('n', ['id:a', 'signature:x']);
		memory.forget('n', ['id:a', 'signature:x']);
		expect(memory.take('n', ['id:a', 'signature:x'])).toBe('new');
		memory.forget('unknown', ['id:z']);
	});

	it('is bounded: the oldest tokens go first', () => {
		const memory = new DeliveryMemory(4);
		memory.take('n', ['id:1', 'signature:1']);
		memory.take('n', ['id:2', 'signature:2']);
		memory.take('n', ['id:3', 'signature:3']);
		expect(memory.take('n', ['id:1'])).toBe('new');
		expect(memory.take('n', ['id:3'])).toBe('inFlight');
	});
});

describe('settleWhenAnswered', () => {
	const response = (statusCode: number, writableEnded: boolean) =>
		Object.assign(new EventEmitter(), { statusCode, writableEnded });

	it.each([
		[200, true, 'acknowledged'],
		[204, true, 'acknowledged'],
		[500, true, 'refused'],
		[503, true, 'refused'],
		// The connection closed before n8n finished its answer (Bird or a proxy gave up waiting).
		[200, false, 'refused'],
	])('status %s, ended %s: %s', (status, ended, outcome) => {
		const res = response(status, ended);
		const acknowledged = jest.fn();
		const refused = jest.fn();
		settleWhenAnswered(res, { acknowledged, refused });
		expect(acknowledged).not.toHaveBeenCalled();
		res.emit('close');
		expect({
			acknowledged: acknowledged.mock.calls.length,
			refused: refused.mock.calls.length,
		}).toEqual(
			outcome === 'acknowledged'
				? { acknowledged: 1, refused: 0 }
				: { acknowledged: 0, refused: 1 },
		);
	});
});
