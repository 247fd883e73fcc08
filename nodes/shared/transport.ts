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
} from 'n8n-workflow';

import type { BirdErrorContext } from './errors';
import { birdApiError } from './errors';
import { DEFAULT_MAX_RETRIES, isRetryableStatus, waitBeforeRetry } from './retry';

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

/** workspaceSegment as an n8n expression, for routing URLs and the credential test (see BASE_URL_EXPRESSION). */
export const WORKSPACE_SEGMENT_EXPRESSION =
	'{{ encodeURIComponent(String($credentials.workspaceId ?? "").trim()) }}';

export async function getBirdCredentials(this: BirdContext): Promise<BirdCredentials> {
	return (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as BirdCredentials;
}

export interface BirdRequestOptions extends BirdErrorContext {
	qs?: IDataObject;
	body?: IDataObject;
	/** Retries after the first attempt for 429 and 5xx. */
	maxRetries?: number;
}

/**
 * One call to Bird from coded parts of the package (trigger lifecycle, list search).
 * Authentication comes from the credential's generic `authenticate`; nothing here touches the key.
 * 429 and 5xx are retried with backoff (Retry-After wins); other failures become a NodeApiError
 * that keeps Bird's code, message and field details.
 */
export async function birdApiRequest(
	this: BirdContext,
	method: IHttpRequestMethods,
	path: string,
	options: BirdRequestOptions = {},
): Promise<IDataObject> {
	const credentials = await getBirdCredentials.call(this);
	const request: IHttpRequestOptions = {
		method,
		baseURL: normaliseBaseUrl(credentials.baseUrl),
		url: path,
		qs: options.qs,
		body: options.body,
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (!options.body) delete request.body;
	const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;

	for (let attempt = 0; ; attempt++) {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as IN8nHttpFullResponse;
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			return (response.body ?? {}) as IDataObject;
		}
		if (isRetryableStatus(statusCode) && attempt < maxRetries) {
			await waitBeforeRetry(attempt + 1, response.headers?.['retry-after']);
			continue;
		}
		throw birdApiError(this.getNode(), statusCode, response.body, options);
	}
}
