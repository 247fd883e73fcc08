/**
 * Message → Send's run-wide parameter reader (nodes/BirdConversations/actions/runParameters.ts): a parameter
 * with no expression is resolved by n8n once per run, one with an expression once per item, and what it
 * hands out cannot be changed behind the next item's back.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import {
	containsExpression,
	runParameterReader,
	storedParameter,
} from '../../../../nodes/BirdConversations/actions/runParameters';

const parameters = {
	senderType: 'accessKey',
	text: '={{ $json.text }}',
	conversationId: { __rl: true, mode: 'id', value: '={{ $json.conversationId }}' },
	additionalFields: { reference: 'order-1' },
	options: { maxRetries: 3, tags: ['a', '=b'] },
};

/** A stand-in for n8n's execute context: resolves `={{ $json.x }}` per item and counts every read. */
function fakeContext(items: Array<Record<string, string>>) {
	const reads: string[] = [];
	const context = {
		getNode: () => ({ parameters }) as unknown as INode,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads.push(`${name}#${itemIndex}`);
			const stored = storedParameter(parameters, name) ?? fallback;
			const resolve = (value: unknown): unknown => {
				if (typeof value === 'string' && value.startsWith('='))
					return items[itemIndex][value.replace(/^=\{\{ \$json\.(\w+) \}\}$/, '$1')];
				if (Array.isArray(value)) return value.map(resolve);
				if (value && typeof value === 'object')
					return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
				return value;
			};
			return resolve(stored);
		},
	} as unknown as IExecuteFunctions;
	return { context, reads };
}

describe('runParameters', () => {
	it('tells expressions apart however deep they are', () => {
		expect(containsExpression('={{ 1 }}')).toBe(true);
		expect(containsExpression('plain = text')).toBe(false);
		expect(containsExpression({ a: [{ b: '=x' }] })).toBe(true);
		expect(containsExpression({ a: [{ b: 'x' }], n: 1, t: true, z: null })).toBe(false);
	});

	it('reads a stored parameter by its dotted path', () => {
		expect(storedParameter(parameters, 'options.maxRetries')).toBe(3);
		expect(storedParameter(parameters, 'options.missing')).toBeUndefined();
		expect(storedParameter(parameters, 'senderType.length')).toBeUndefined();
	});

	it('resolves a parameter without expressions once per run and one with an expression per item', () => {
		const items = [
			{ text: 'one', conversationId: 'c1' },
			{ text: 'two', conversationId: 'c2' },
			{ text: 'three', conversationId: 'c3' },
		];
		const { context, reads } = fakeContext(items);
		const read = runParameterReader(context);
		const seen = items.map((_, i) => ({
			senderType: read('senderType', i, 'accessKey'),
			retries: read('options.maxRetries', i, 2),
			text: read('text', i, ''),
			conversation: read('conversationId', i, '', { extractValue: true }),
			tags: read('options.tags', i, []),
			missing: read('options.concurrency', i, 10),
		}));
		expect(seen.map((s) => s.text)).toEqual(['one', 'two', 'three']);
		expect(seen.map((s) => (s.conversation as { value: string }).value)).toEqual([
			'c1',
			'c2',
			'c3',
		]);
		expect(seen.map((s) => s.senderType)).toEqual(['accessKey', 'accessKey', 'accessKey']);
		expect(seen.map((s) => s.missing)).toEqual([10, 10, 10]);
		expect(seen[2].tags).toEqual(['a', undefined]);
		const count = (name: string) => reads.filter((r) => r.startsWith(`${name}#`)).length;
		expect(count('senderType')).toBe(1);
		expect(count('options.maxRetries')).toBe(1);
		expect(count('options.concurrency')).toBe(1);
		expect(count('text')).toBe(3);
		expect(count('conversationId')).toBe(3);
		// options.tags holds an expression ("=b"), so it is read per item.
		expect(count('options.tags')).toBe(3);
	});

	it('hands out copies of objects, so one item cannot change what the next reads', () => {
		const { context, reads } = fakeContext([{}, {}]);
		const read = runParameterReader(context);
		const first = read('additionalFields', 0, {}) as Record<string, unknown>;
		first.reference = 'changed';
		expect(read('additionalFields', 1, {})).toEqual({ reference: 'order-1' });
		expect(reads.filter((r) => r.startsWith('additionalFields#'))).toEqual(['additionalFields#0']);
	});

	it('reads a bracketed path per item, since it is not looked up here', () => {
		const { context, reads } = fakeContext([{}, {}]);
		const read = runParameterReader(context);
		read('options.tags[0]', 0, 'x');
		read('options.tags[0]', 1, 'x');
		expect(reads).toEqual(['options.tags[0]#0', 'options.tags[0]#1']);
	});

	it('reads separately when the fallback or options differ', () => {
		const { context, reads } = fakeContext([{}, {}]);
		const read = runParameterReader(context);
		read('options.concurrency', 0, 10);
		read('options.concurrency', 1, 5);
		expect(read('options.concurrency', 1, 5)).toBe(5);
		expect(reads).toEqual(['options.concurrency#0', 'options.concurrency#1']);
	});
});
