/**
 * Rules the action node's description follows that the other description tests do not state: where a request
 * body comes from (BirdConversations.node.ts's header), and the defaults that must equal nodes/shared/constants.ts.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { BirdConversations } from '../../../nodes/BirdConversations/BirdConversations.node';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_LIMIT,
	DEFAULT_MAX_RETRIES,
	MAX_CONCURRENCY,
	MAX_RETRIES_CEILING,
} from '../../../nodes/shared/constants';

const { description } = new BirdConversations();

type Entry = INodeProperties | INodePropertyOptions;

/** Every parameter and option, at any depth, with its path. */
function everything(entries: Entry[], path = ''): Array<[string, Entry]> {
	return entries.flatMap((entry) => {
		const here = `${path}${'name' in entry ? entry.name : ''}`;
		const nested = (('options' in entry && entry.options) || []) as Array<
			Entry | INodePropertyCollection
		>;
		return [
			[here, entry] as [string, Entry],
			...nested.flatMap((child) =>
				'values' in child
					? everything(child.values, `${here}.${child.name}.`)
					: everything([child as Entry], `${here}.`),
			),
		];
	});
}

describe('where a request body comes from', () => {
	it('no field sends itself into the body: bodies come from preSend builders only', () => {
		const intoBody = everything(description.properties)
			.filter(([, entry]) => entry.routing?.send?.type === 'body')
			.map(([path]) => path);
		expect(intoBody).toEqual([]);
	});

	it('every operation that sends a body names a build…Body preSend', () => {
		const operations = description.properties.filter((p) => p.name === 'operation');
		for (const operation of operations) {
			for (const option of operation.options as INodePropertyOptions[]) {
				const method = option.routing?.request?.method;
				if (method !== 'POST' && method !== 'PATCH') continue;
				const names = (option.routing?.send?.preSend ?? []).map((fn) => fn.name);
				expect([option.value, names.some((name) => /^build\w+Body$/.test(name))]).toEqual([
					option.value,
					true,
				]);
			}
		}
	});
});

describe('defaults from nodes/shared/constants.ts', () => {
	const all = everything(description.properties);

	it('Limit defaults to DEFAULT_LIMIT everywhere', () => {
		const limits = all
			.filter(([path]) => path === 'limit')
			.map(([, p]) => (p as INodeProperties).default);
		expect(limits.length).toBeGreaterThan(0);
		expect(new Set(limits)).toEqual(new Set([DEFAULT_LIMIT]));
	});

	it('Max Retries defaults to DEFAULT_MAX_RETRIES, at most MAX_RETRIES_CEILING', () => {
		for (const [, p] of all.filter(([path]) => path === 'options.maxRetries')) {
			expect((p as INodeProperties).default).toBe(DEFAULT_MAX_RETRIES);
			expect((p as INodeProperties).typeOptions?.maxValue).toBe(MAX_RETRIES_CEILING);
		}
	});

	it('Concurrent Requests defaults to DEFAULT_CONCURRENCY, at most MAX_CONCURRENCY', () => {
		const [concurrency] = all.filter(([path]) => path === 'options.concurrency');
		expect((concurrency[1] as INodeProperties).default).toBe(DEFAULT_CONCURRENCY);
		expect((concurrency[1] as INodeProperties).typeOptions?.maxValue).toBe(MAX_CONCURRENCY);
	});
});
