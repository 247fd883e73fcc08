/**
 * The request path's contract, without HTTP: the Authorization header callers pass is the credential's own,
 * and the executor that bypasses n8n's declarative request (helpers/executor.ts) can rely on every operation's
 * routing — every request goes through it (`send.paginate`), and no routing asks for a declarative step the
 * executor would skip (rootProperty, set, limit…, `maxResults`, a routing-level pagination).
 */
import type {
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodePropertyRouting,
} from 'n8n-workflow';

import { BirdConversationsApi } from '../../../credentials/BirdConversationsApi.credentials';
import { BirdConversations } from '../../../nodes/BirdConversations/BirdConversations.node';
import {
	executeBirdRequest,
	routedThroughExecutor,
} from '../../../nodes/BirdConversations/helpers/executor';
import { accessKeyAuthorization } from '../../../nodes/shared/transport';
import { resolveCredentialTemplate } from '../../harness';

it('the header callers build is exactly what the credential’s authenticate block sends', () => {
	const template = (new BirdConversationsApi().authenticate.properties.headers ?? {}).Authorization;
	const credentials = { accessKey: 'a-secret-key' };
	expect(accessKeyAuthorization(credentials)).toBe(
		resolveCredentialTemplate(template, credentials),
	);
	expect(accessKeyAuthorization(credentials)).toBe('AccessKey a-secret-key');
});

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every routing in a node's properties, at any depth (options, collections, fixed collections). */
function routingsOf(entries: Entry[], path = ''): Array<[string, INodePropertyRouting]> {
	return entries.flatMap((entry) => {
		const here = `${path}/${'value' in entry ? String(entry.value) : entry.name}`;
		const own: Array<[string, INodePropertyRouting]> =
			'routing' in entry && entry.routing ? [[here, entry.routing]] : [];
		const nested = [
			...('options' in entry && Array.isArray(entry.options) ? (entry.options as Entry[]) : []),
			...('values' in entry && Array.isArray(entry.values) ? entry.values : []),
		];
		return [...own, ...routingsOf(nested, here)];
	});
}

/** What the executor cannot honour, one line per problem. */
function executorProblems(properties: INodeProperties[]): string[] {
	return routingsOf(properties).flatMap(([path, routing]) => {
		const problems: string[] = [];
		for (const step of routing.output?.postReceive ?? []) {
			if (typeof step !== 'function')
				problems.push(`${path}: declarative postReceive "${step.type}"`);
		}
		if (routing.output?.maxResults !== undefined) problems.push(`${path}: output.maxResults`);
		if (routing.operations) problems.push(`${path}: routing.operations`);
		if (routing.request && routing.send?.paginate !== true)
			problems.push(`${path}: a request without send.paginate`);
		return problems;
	});
}

describe('the node description suits the executor', () => {
	const { properties } = new BirdConversations().description;

	it('finds the operations it checks (the walk reaches nested routing)', () => {
		const paths = routingsOf(properties).map(([path]) => path);
		expect(paths).toEqual(
			expect.arrayContaining(['/operation/create', '/operation/getAll', '/operation/remove']),
		);
		expect(paths.length).toBeGreaterThan(15);
	});

	it('has no routing the executor would silently ignore, and every request goes through it', () => {
		expect(executorProblems(properties)).toEqual([]);
	});

	it('the check fails on a declarative postReceive step, maxResults and a missing paginate', () => {
		const planted: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			default: 'get',
			options: [
				{
					name: 'Get',
					value: 'get',
					routing: {
						request: { method: 'GET', url: '/x' },
						output: {
							maxResults: 5,
							postReceive: [{ type: 'rootProperty', properties: { property: 'results' } }],
						},
					},
				},
			],
		};
		expect(executorProblems([planted])).toEqual([
			'/operation/get: declarative postReceive "rootProperty"',
			'/operation/get: output.maxResults',
			'/operation/get: a request without send.paginate',
		]);
	});
});

describe('routedThroughExecutor', () => {
	it('sets send.paginate on every option and property that makes a request, and leaves the rest alone', () => {
		const preSend = [async (options: IHttpRequestOptions) => options];
		const properties: INodeProperties[] = [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				default: 'get',
				options: [
					{ name: 'Get', value: 'get', routing: { request: { method: 'GET', url: '/a' } } },
					{
						name: 'Create',
						value: 'create',
						routing: { request: { method: 'POST', url: '/a' }, send: { preSend } },
					},
					{ name: 'Send', value: 'send' },
				],
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'name' } },
			},
		];
		const [operation, name] = routedThroughExecutor(properties);
		const [getOption, createOption, sendOption] = operation.options as INodePropertyOptions[];
		expect(getOption.routing?.send).toEqual({ paginate: true });
		expect(createOption.routing?.send).toEqual({ preSend, paginate: true });
		expect(sendOption.routing).toBeUndefined();
		expect(name).toBe(properties[1]);
		// The input is not changed.
		expect((properties[0].options as INodePropertyOptions[])[0].routing?.send).toBeUndefined();
	});
});

it('the executor refuses a declarative postReceive step instead of skipping it', async () => {
	const context = {
		getNode: () => ({ name: 'Bird' }) as INode,
		getNodeParameter: (_name: string, fallback: unknown) => fallback,
		getItemIndex: () => 0,
		getCredentials: async () => ({ accessKey: 'k', workspaceId: 'w' }),
		helpers: {
			httpRequest: async () => ({ statusCode: 200, body: { results: [] }, headers: {} }),
		},
	} as unknown as IExecutePaginationFunctions;
	await expect(
		executeBirdRequest.call(context, {
			options: { method: 'GET', baseURL: 'https://api.bird.com', url: '/x' },
			preSend: [],
			postReceive: [
				{
					data: { parameterValue: undefined },
					actions: [{ type: 'rootProperty', properties: { property: 'results' } }],
				},
			],
		}),
	).rejects.toThrow(
		`This operation's description has a declarative postReceive step ("rootProperty"), which the Bird node's request executor does not run`,
	);
});
