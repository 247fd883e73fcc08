import {
	DeliveryMemory,
	deliveryTokens,
	forgetUnlessAcknowledged,
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
	it('counts a delivery as seen when any of its tokens is known, per node', () => {
		const memory = new DeliveryMemory();
		expect(memory.seenBefore('wf:node', ['id:a', 'signature:x'])).toBe(false);
		expect(memory.seenBefore('wf:node', ['id:b', 'signature:x'])).toBe(true);
		expect(memory.seenBefore('wf:node', ['id:a', 'signature:y'])).toBe(true);
		expect(memory.seenBefore('wf:other', ['id:a', 'signature:x'])).toBe(false);
	});

	it('forgets a delivery wholly, so Bird’s retry of it runs', () => {
		const memory = new DeliveryMemory();
		memory.seenBefore('n', ['id:a', 'signature:x']);
		memory.forget('n', ['id:a', 'signature:x']);
		expect(memory.seenBefore('n', ['id:a', 'signature:x'])).toBe(false);
		memory.forget('unknown', ['id:z']);
	});

	it('is bounded: the oldest tokens go first', () => {
		const memory = new DeliveryMemory(4);
		memory.seenBefore('n', ['id:1', 'signature:1']);
		memory.seenBefore('n', ['id:2', 'signature:2']);
		memory.seenBefore('n', ['id:3', 'signature:3']);
		expect(memory.seenBefore('n', ['id:1'])).toBe(false);
		expect(memory.seenBefore('n', ['id:3'])).toBe(true);
	});
});

describe('forgetUnlessAcknowledged', () => {
	const response = (statusCode: number, writableEnded: boolean) =>
		Object.assign(new EventEmitter(), { statusCode, writableEnded });

	it.each([
		[200, true, false],
		[204, true, false],
		[500, true, true],
		[200, false, true],
	])('status %s, ended %s: forgets = %s', (status, ended, forgets) => {
		const res = response(status, ended);
		const forget = jest.fn();
		forgetUnlessAcknowledged(res, forget);
		res.emit('close');
		expect(forget).toHaveBeenCalledTimes(forgets ? 1 : 0);
	});
});
