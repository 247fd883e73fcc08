import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	NodeOperationError,
} from 'n8n-workflow';
import type { NodeApiError } from 'n8n-workflow';

import { connectionFailureError, connectionFailureOf } from './connectionFailure';
import type { BirdRequestContext } from './context';
import type { BirdErrorContext } from './errors';
import { asNodeError, birdApiError } from './errors';
import { isRetryableStatus, maxRetriesFrom, waitBeforeRetry } from './retry';

export const CREDENTIAL_TYPE = 'birdConversationsApi';
export const DEFAULT_BASE_URL = 'https://api.bird.com';

export type BirdContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export interface BirdCredentials {
	accessKey: string;
	workspaceId: string;
	organizationId?: string;
	baseUrl?: string;
}

/** The credential's base URL without trailing slashes; an empty value means Bird itself. */
export function normaliseBaseUrl(baseUrl: unknown): string {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	return (text || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * The credential's base URL as an n8n expression, for declarative `requestDefaults`, which cannot call
 * normaliseBaseUrl: the same rule (trimmed, empty means Bird, no trailing slash). The credential's test
 * request repeats this text, because credentials do not import node code; a unit test keeps them equal.
 */
export const BASE_URL_EXPRESSION = `{{ (String($credentials.baseUrl ?? "").trim() || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "") }}`;

/**
 * The credential's workspace ID as a URL path segment. Trimmed because an ID copied from Bird's UI or an
 * e-mail often carries a trailing space or newline, which Bird answers with a 404 or 422 that points at the
 * wrong cause; encoded so that whatever was pasted stays one path segment.
 */
export function workspaceSegment(workspaceId: unknown): string {
	return encodeURIComponent(String(workspaceId ?? '').trim());
}

/**
 * Stands for the credential's workspace in the action node's routing URLs (descriptions/common.ts
 * workspacePath); its request executor puts workspaceSegment(credential) in its place (fillWorkspace).
 * Not WORKSPACE_SEGMENT_EXPRESSION: n8n 1.x resolves an operation option's routing without $credentials
 * (2.x with it), so a URL built from $credentials lost its workspace there ("Workspace '' does not exist").
 */
export const WORKSPACE_PLACEHOLDER = ':workspaceId';

/** The routed URL with the placeholder of its workspace segment replaced by the credential's (encoded) ID. */
export function fillWorkspace(url: unknown, workspace: string): string {
	return String(url ?? '').replace(
		`/workspaces/${WORKSPACE_PLACEHOLDER}`,
		`/workspaces/${workspace}`,
	);
}

/** workspaceSegment as an n8n expression, for the credential test (see BASE_URL_EXPRESSION). */
export const WORKSPACE_SEGMENT_EXPRESSION =
	'{{ encodeURIComponent(String($credentials.workspaceId ?? "").trim()) }}';

export async function getBirdCredentials(this: BirdContext): Promise<BirdCredentials> {
	return (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as BirdCredentials;
}

/**
 * The Authorization header for every request to Bird, built by the caller from one credential read and passed
 * to birdRequest explicitly. It is exactly what the credential's `authenticate` block sends
 * (`AccessKey <key>`, docs/bird-api.md §1.1; a unit test keeps the two equal), and it is never logged, put in
 * an error or echoed.
 *
 * Why not n8n's httpRequestWithAuthentication (which n8n's scanner rule no-http-request-with-manual-auth
 * recommends for token refresh and audit logging):
 * - it reads and decrypts the credential from n8n's database on every request, which measured as a third of
 *   the time per page of a list and more than the request itself on a batch of sends (BENCHMARKS.md); the
 *   callers here read it once per run (Send, every page of a list) or once per call;
 * - one mechanism for every context (execute, Send's per-item adapter, hooks, webhooks, load options), and
 *   the one request that must not carry the key, the file to the pre-signed storage URL, says so with
 *   `authorization: null` at its call instead of depending on which helper was picked;
 * - an access key has no token to refresh.
 */
export function accessKeyAuthorization(credentials: { accessKey?: unknown }): string {
	return `AccessKey ${String(credentials.accessKey ?? '')}`;
}

/** How one request is sent and reported; see birdRequest. */
export interface BirdRequestPolicy {
	/** From accessKeyAuthorization; `null` only for the pre-signed storage upload, which must not carry the key. */
	authorization: string | null;
	/** Retries after the first attempt (see maxRetriesFrom). */
	maxRetries: number;
	/** What a 404 names, how 422 paths map to fields, and the item index. */
	errorContext?: BirdErrorContext;
	/**
	 * More of the error context, worked out only when a request fails: reading it means reading node
	 * parameters, an expression among them, and a batch of successful sends should not pay for that per item.
	 */
	lateErrorContext?: () => BirdErrorContext;
	/** Put before the message of every error built here, e.g. `Uploading "data" failed at step 1 (…)`. */
	label?: string;
	/** Builds the error for a final non-2xx answer that is not Bird's (storage); default birdApiError. */
	failure?: (response: IN8nHttpFullResponse) => NodeApiError | NodeOperationError;
	/** Who answers, in connection errors; default "Bird". */
	peer?: string;
	/** What a write whose connection broke means, when the caller knows better than "may have been created". */
	lostWrite?: string;
	/**
	 * Non-2xx answers the caller reads itself (a redirect it follows, a media host's 404): returned as they are,
	 * after the 429/5xx retries, instead of becoming an error.
	 */
	passThrough?: (statusCode: number) => boolean;
}

/** "message" for …/messages, "webhook subscription" for …/webhook-subscriptions: what a POST there creates. */
function createdBy(url: string): string {
	const segments = url.split('?')[0].split('/').filter(Boolean);
	const last = segments[segments.length - 1] ?? '';
	return decodeURIComponent(last).replace(/-/g, ' ').replace(/s$/, '') || 'resource';
}

/** The `reference` a message (or a conversation's initial message) was sent with (docs/bird-api.md §3.3). */
function referenceOf(body: unknown): string | undefined {
	const object = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const initial = (object.initialMessage ?? {}) as IDataObject;
	const reference = object.reference ?? initial.reference;
	return typeof reference === 'string' && reference ? reference : undefined;
}

const originOf = (url: string): string => {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
};

function labelled<T extends Error>(error: T, label: string | undefined): T {
	if (label) error.message = `${label}: ${error.message}`;
	return error;
}

/**
 * The one request path to Bird, for both nodes: the action node's executor (single requests and every page),
 * Message → Send, the upload's two steps, the trigger's lifecycle, enrichment and media downloads, and the
 * conversation picker.
 * One policy:
 * - 429 and 5xx are retried up to `maxRetries` times, waiting as Retry-After says, else with exponential
 *   backoff (retry.ts; docs/bird-api.md §1.2, §1.5);
 * - a connection failure (no answer at all) is retried for a GET only. A write is never sent again, as Bird
 *   documents no idempotency key (§3.3) and it may already have arrived; the error says so and names the
 *   `reference` it carried (connectionFailure.ts);
 * - a 2xx is returned as it is and never repeated;
 * - any other answer becomes birdApiError (Bird's code, message and field details), or `failure`'s error,
 *   unless the caller reads it itself (`passThrough`).
 * Each attempt sends a fresh copy of `request`, so what n8n's helper adds to it cannot leak into a retry.
 */
export async function birdRequest(
	context: BirdRequestContext,
	request: IHttpRequestOptions,
	policy: BirdRequestPolicy,
): Promise<IN8nHttpFullResponse> {
	const node = context.getNode();
	const method = (request.method ?? 'GET').toUpperCase();
	const repeatable = method === 'GET';
	const headers = { ...request.headers };
	if (policy.authorization !== null) headers.Authorization = policy.authorization;
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequest({
				...request,
				headers: { ...headers },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: context.getExecutionCancelSignal?.() ?? request.abortSignal,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const how = connectionFailureOf(error);
			if (!how) throw labelled(asNodeError(node, error), policy.label);
			if (repeatable && attempt < policy.maxRetries) {
				await waitBeforeRetry(attempt + 1);
				continue;
			}
			const failure = connectionFailureError(node, error, how, {
				peer: policy.peer ?? 'Bird',
				url: request.baseURL ? String(request.baseURL) : originOf(String(request.url ?? '')),
				repeatable,
				attempts: attempt + 1,
				created: method === 'POST' ? createdBy(String(request.url ?? '')) : undefined,
				reference: referenceOf(request.body),
				lostWrite: policy.lostWrite,
				itemIndex: policy.errorContext?.itemIndex,
			});
			throw labelled(failure, policy.label);
		}
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return response;
		if (isRetryableStatus(statusCode) && attempt < policy.maxRetries) {
			await waitBeforeRetry(attempt + 1, response.headers?.['retry-after']);
			continue;
		}
		if (policy.passThrough?.(statusCode)) return response;
		if (policy.failure) throw policy.failure(response);
		throw labelled(
			birdApiError(node, statusCode, response.body, {
				...policy.lateErrorContext?.(),
				...policy.errorContext,
			}),
			policy.label,
		);
	}
}

export interface BirdRequestOptions extends BirdErrorContext {
	qs?: IDataObject;
	body?: IDataObject;
	/** Retries after the first attempt; default DEFAULT_MAX_RETRIES (constants.ts). */
	maxRetries?: number;
}

/**
 * A JSON call to Bird for the coded parts that make a few calls each (trigger lifecycle and enrichment, the
 * conversation picker): reads the credential, sends through birdRequest with its key, returns the body.
 */
export async function birdApiRequest(
	this: BirdContext,
	method: IHttpRequestMethods,
	path: string,
	options: BirdRequestOptions = {},
): Promise<IDataObject> {
	const credentials = await getBirdCredentials.call(this);
	const { qs, body, maxRetries, ...errorContext } = options;
	const request: IHttpRequestOptions = {
		method,
		baseURL: normaliseBaseUrl(credentials.baseUrl),
		url: path,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (qs) request.qs = qs;
	if (body) request.body = body;
	const response = await birdRequest(this, request, {
		authorization: accessKeyAuthorization(credentials),
		maxRetries: maxRetriesFrom(maxRetries),
		errorContext,
	});
	return (response.body ?? {}) as IDataObject;
}
