import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_LIMIT, PAGE_SIZE } from '../../shared/constants';
import { birdRequest, fillWorkspace } from '../../shared/transport';
import { itemPolicy, openSession } from '../actions/request';
import { mergesAttributes, patchWithMergedAttributes } from './attributes';

function optionalParameter<T>(context: IExecuteSingleFunctions, name: string, fallback: T): T {
	try {
		return context.getNodeParameter(name, fallback) as T;
	} catch {
		return fallback;
	}
}

/**
 * Every operation of the node goes through executeBirdRequest: n8n calls a node's `requestOperations.pagination`
 * function instead of its own request only where the operation's routing says `send.paginate: true`. This sets
 * it on every option or property that makes a request, so no operation can forget it (Message → Send's routing
 * too: workflows run its coded version, AI tools its routing, see descriptions/message/index.ts).
 */
export function routedThroughExecutor(properties: INodeProperties[]): INodeProperties[] {
	const route = <T extends INodeProperties | INodePropertyOptions>(entry: T): T =>
		entry.routing?.request
			? { ...entry, routing: { ...entry.routing, send: { ...entry.routing.send, paginate: true } } }
			: entry;
	return properties.map((property) => {
		const routed = route(property);
		if (property.type !== 'options' || !property.options) return routed;
		return { ...routed, options: (property.options as INodePropertyOptions[]).map(route) };
	});
}

type PostReceiveFunction = Extract<PostReceiveAction, (...args: never[]) => unknown>;

/**
 * Only function steps can run here: n8n's declarative ones (rootProperty, set, limit, sort…) are applied by
 * its own request path, which this node bypasses, so one would be silently skipped. A description with one is
 * refused instead (the node-description unit test walks every routing, so this is for a future slip).
 */
function asFunctionStep(
	context: IExecuteSingleFunctions,
	action: PostReceiveAction,
): PostReceiveFunction {
	if (typeof action === 'function') return action;
	throw new NodeOperationError(
		context.getNode(),
		`This operation's description has a declarative postReceive step ("${action.type}"), which the Bird node's request executor does not run`,
		{
			description:
				'Write it as a postReceive function (see helpers/simplify.ts), so it runs after retries and pagination.',
		},
	);
}

/**
 * Runs the operation's postReceive functions (sort, simplify, delete result…) on the items: once per single
 * request, once over all pages of a list.
 */
async function runPostReceive(
	context: IExecuteSingleFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let result = items;
	for (const { actions } of requestData.postReceive) {
		for (const action of actions) {
			result = await asFunctionStep(context, action).call(context, result, response);
		}
	}
	return result;
}

const asObject = (body: unknown): IDataObject =>
	body && typeof body === 'object' ? (body as IDataObject) : {};

/**
 * The node's request executor, wired in as its `requestOperations.pagination` function and enabled on every
 * operation (routedThroughExecutor). Requests go through the shared request path (shared/transport.ts
 * birdRequest: retries, connection failures, Bird's errors); this adds what is particular to the action node:
 * - single requests: one request, then postReceive (Conversation → Update may read before it writes, see
 *   helpers/attributes.ts);
 * - lists (operations with Return All): `results` unwrapped to one item each; Return All follows
 *   `nextPageToken` with pages of PAGE_SIZE to the last page (docs/bird-api.md §1.4); Limit asks only for what
 *   is still missing and stops; postReceive then runs once over all collected items.
 * The credential is read once per call: for a list, once for all its pages (BENCHMARKS.md).
 */
export async function executeBirdRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = optionalParameter<boolean | null>(this, 'returnAll', null);
	const { authorization, workspace } = await openSession(this);
	const routed = requestData.options as IHttpRequestOptions;
	const options: IHttpRequestOptions = { ...routed, url: fillWorkspace(routed.url, workspace) };
	const policy = itemPolicy(this, authorization);

	if (returnAll === null) {
		const send = async (prepared: IHttpRequestOptions) => await birdRequest(this, prepared, policy);
		// Conversation → Update merging attributes: a GET before the PATCH (see helpers/attributes.ts).
		const response = mergesAttributes(this, options)
			? await patchWithMergedAttributes(this, options, send)
			: await send(options);
		const body = response.body === '' || response.body === undefined ? {} : response.body;
		return await runPostReceive(this, requestData, [{ json: asObject(body) }], response);
	}

	const limit = returnAll
		? Infinity
		: Math.max(1, optionalParameter<number>(this, 'limit', DEFAULT_LIMIT));
	const collected: INodeExecutionData[] = [];
	const seenTokens = new Set<string>();
	let pageToken: string | undefined;
	let lastResponse: IN8nHttpFullResponse | undefined;
	do {
		const qs: IDataObject = {
			...(options.qs ?? {}),
			limit: Math.min(PAGE_SIZE, limit - collected.length),
		};
		if (pageToken) qs.pageToken = pageToken;
		const response = await birdRequest(this, { ...options, qs }, policy);
		lastResponse = response;
		const body = asObject(response.body);
		const results = Array.isArray(body.results) ? (body.results as IDataObject[]) : [];
		collected.push(...results.slice(0, limit - collected.length).map((json) => ({ json })));
		pageToken =
			typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined;
		// A token seen before would loop forever; Bird is not expected to repeat one, but a proxy might.
		if (pageToken && seenTokens.has(pageToken)) break;
		if (pageToken) seenTokens.add(pageToken);
	} while (pageToken && collected.length < limit);
	// postReceive runs once over every page, so a step that orders items (Oldest First) sees the whole list.
	const processed = lastResponse
		? await runPostReceive(this, requestData, collected, lastResponse)
		: collected;
	// The engine pairs outputs to inputs only when their counts match; a list fed several items returns
	// more, so each result names its input item, or `$('Bird').item` breaks downstream.
	const itemIndex = this.getItemIndex();
	return processed.map((item) =>
		item.pairedItem ? item : { ...item, pairedItem: { item: itemIndex } },
	);
}
