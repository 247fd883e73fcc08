import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { birdApiError } from '../../shared/errors';
import { DEFAULT_MAX_RETRIES, isRetryableStatus, waitBeforeRetry } from '../../shared/retry';
import { CREDENTIAL_TYPE } from '../../shared/transport';
import { mergesAttributes, patchWithMergedAttributes } from './attributes';
import { errorContextFor } from './errorContext';

/** Bird's largest page (docs/bird-api.md §1.4): Return All asks for this many per request. */
export const MAX_PAGE_SIZE = 100;

function optionalParameter<T>(context: IExecuteSingleFunctions, name: string, fallback: T): T {
	try {
		return context.getNodeParameter(name, fallback) as T;
	} catch {
		return fallback;
	}
}

/**
 * The header the credential's `authenticate` sends (`AccessKey <key>`), for callers that read the
 * credential once and make many requests with it. Never logged.
 */
export function accessKeyAuthorization(credentials: ICredentialDataDecryptedObject): string {
	return `AccessKey ${String(credentials.accessKey ?? '')}`;
}

/** Only GETs are repeated after a connection failure: a POST may have reached Bird already. */
function isSafeToRepeat(options: IHttpRequestOptions): boolean {
	return (options.method ?? 'GET').toUpperCase() === 'GET';
}

/**
 * One request to Bird with the node's retry policy: 429 and 5xx are retried (Retry-After first,
 * otherwise exponential backoff), a 2xx is never repeated, and any other status becomes a NodeApiError
 * with Bird's code, message and per-field details.
 *
 * `authorization`, when given, is the credential's header built once by the caller (see
 * accessKeyAuthorization); otherwise n8n applies the credential, reading it from its database each time.
 */
export async function sendWithRetries(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	authorization?: string,
): Promise<IN8nHttpFullResponse> {
	const maxRetries = optionalParameter<number>(context, 'options.maxRetries', DEFAULT_MAX_RETRIES);
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		const request: IHttpRequestOptions = {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		try {
			response = (
				authorization
					? await context.helpers.httpRequest({
							...request,
							headers: { ...request.headers, Authorization: authorization },
						})
					: await context.helpers.httpRequestWithAuthentication.call(
							context,
							CREDENTIAL_TYPE,
							request,
						)
			) as IN8nHttpFullResponse;
		} catch (error) {
			if (attempt < maxRetries && isSafeToRepeat(options)) {
				await waitBeforeRetry(attempt + 1);
				continue;
			}
			// No answer at all (DNS, refused, reset): not retried for writes, which Bird may have applied.
			// n8n's request helper already throws a NodeApiError, and NodeApiError's constructor hands an
			// existing one back unchanged (and maps codes such as ECONNRESET to its generic "retry" text),
			// so our message and description are set on the result, after construction.
			const cause = (error as Error).message;
			const apiError = new NodeApiError(context.getNode(), error as JsonObject, {
				itemIndex: context.getItemIndex(),
			});
			apiError.message = `Could not reach Bird at ${String(options.baseURL ?? '')}`;
			apiError.description = isSafeToRepeat(options)
				? `Check the Base URL in the credential and the network between n8n and Bird. (${cause})`
				: `The request was not repeated because Bird may already have processed it; check Bird before running it again. (${cause})`;
			throw apiError;
		}
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return response;
		if (isRetryableStatus(statusCode) && attempt < maxRetries) {
			await waitBeforeRetry(attempt + 1, response.headers?.['retry-after']);
			continue;
		}
		throw birdApiError(context.getNode(), statusCode, response.body, errorContextFor(context));
	}
}

/**
 * Runs the operation's postReceive functions (sort, simplify, delete result…) on the items: once per single
 * request, once over all pages of a list. Only function steps run; declarative ones (e.g. rootProperty) are
 * not used by this node.
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
			if (typeof action === 'function') result = await action.call(context, result, response);
		}
	}
	return result;
}

const asObject = (body: unknown): IDataObject =>
	body && typeof body === 'object' ? (body as IDataObject) : {};

/**
 * The node's single request path, wired in as its `requestOperations.pagination` function and enabled on
 * every operation (`routing.send.paginate: true`). Keeping retries and Bird's cursor pagination here means
 * one policy for all operations:
 * - single requests: retried as above, then postReceive (Conversation → Update may read before it writes,
 *   see helpers/attributes.ts);
 * - lists (operations with Return All): `results` unwrapped to one item each; Return All follows
 *   `nextPageToken` with pages of 100 to the last page; Limit asks only for what is still missing and stops;
 *   postReceive then runs once over all collected items.
 */
export async function executeBirdRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const options = requestData.options as IHttpRequestOptions;
	const returnAll = optionalParameter<boolean | null>(this, 'returnAll', null);

	if (returnAll === null) {
		const send = async (prepared: IHttpRequestOptions) => await sendWithRetries(this, prepared);
		// Conversation → Update merging attributes: a GET before the PATCH (see helpers/attributes.ts).
		const response = mergesAttributes(this, options)
			? await patchWithMergedAttributes(this, options, send)
			: await send(options);
		const body = response.body === '' || response.body === undefined ? {} : response.body;
		return await runPostReceive(this, requestData, [{ json: asObject(body) }], response);
	}

	const limit = returnAll ? Infinity : Math.max(1, optionalParameter<number>(this, 'limit', 50));
	// One credential read for all pages: n8n's authenticated helper would read and decrypt it per page,
	// which measured as a third of the time per page (BENCHMARKS.md).
	const authorization = accessKeyAuthorization(await this.getCredentials(CREDENTIAL_TYPE));
	const collected: INodeExecutionData[] = [];
	const seenTokens = new Set<string>();
	let pageToken: string | undefined;
	let lastResponse: IN8nHttpFullResponse | undefined;
	do {
		const qs: IDataObject = {
			...(options.qs ?? {}),
			limit: Math.min(MAX_PAGE_SIZE, limit - collected.length),
		};
		if (pageToken) qs.pageToken = pageToken;
		const response = await sendWithRetries(this, { ...options, qs }, authorization);
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
