import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * Node's codes for a request that got no answer because the connection could not be made: the request
 * never left n8n, so nothing reached Bird.
 */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
]);
/** Codes for a connection that broke or timed out after it was made: the request may have arrived. */
const BROKEN_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Whether an error thrown by n8n's request helper means "no answer" and, if so, whether the request may have
 * reached the server. Reads `code` on the error and its causes. Anything else (a cancelled execution, a URL
 * n8n refused, a bug) is not a connection failure: undefined.
 */
export function connectionFailureOf(error: unknown): 'not-sent' | 'maybe-sent' | undefined {
	let verdict: 'not-sent' | 'maybe-sent' | undefined;
	for (let level = error, depth = 0; level && typeof level === 'object' && depth < 5; depth++) {
		const { code, cause } = level as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return 'not-sent';
		if (typeof code === 'string' && BROKEN_CODES.has(code)) verdict = 'maybe-sent';
		// The answer began but its connection broke mid-body (axios: "stream has been aborted").
		if (code === 'ERR_BAD_RESPONSE' && /aborted/i.test(String((level as Error).message)))
			verdict = 'maybe-sent';
		level = cause;
	}
	return verdict;
}

export interface ConnectionFailureContext {
	/** Who did not answer: "Bird", or the storage of a pre-signed upload. */
	peer: string;
	/** Where: the Base URL, or the origin of the upload URL. */
	url: string;
	/** Whether the request was repeated on connection failures (GET) or sent once (every write). */
	repeatable: boolean;
	attempts: number;
	/** For a POST that may have arrived: what it creates ("message"), and the reference it carried. */
	created?: string;
	reference?: string;
	/** What a write whose connection broke means, when the caller knows (replaces "may have been created"). */
	lostWrite?: string;
	itemIndex?: number;
}

function lostWriteText(how: 'not-sent' | 'maybe-sent', cause: string, c: ConnectionFailureContext) {
	if (how === 'not-sent') {
		return {
			message: `Could not reach ${c.peer} at ${c.url}`,
			description: `The connection could not be made, so the request did not reach ${c.peer} and nothing was changed. Check the Base URL in the credential and the network between n8n and ${c.peer}, then run it again. (${cause})`,
		};
	}
	if (c.lostWrite) {
		return {
			message: `Lost the connection to ${c.peer} at ${c.url} before it answered`,
			description: `The connection broke before ${c.peer} answered (${cause}). ${c.lostWrite}`,
		};
	}
	const what = c.created
		? `the ${c.created} may have been created`
		: 'the change may have been made';
	const check = c.created ? `whether the ${c.created} exists` : 'whether the change was made';
	const look = c.reference ? `: look for the reference "${c.reference}"` : '';
	return {
		message: `Lost the connection to ${c.peer} at ${c.url} before it answered: ${what}`,
		description: `The connection to ${c.peer} broke before it answered (${cause}), so the request may have reached ${c.peer} and ${what}. It was not retried, so that it cannot be sent twice. Before running this item again, check in ${c.peer} ${check}${look}.`,
	};
}

/**
 * The one error for a request that got no answer. A GET was already repeated (Max Retries); a write never is,
 * because Bird documents no idempotency key (docs/bird-api.md §3.3), so the text says whether it can have
 * arrived and what to check. Only the cause's own message is kept: the request (and its Authorization header)
 * is never copied into the error.
 */
export function connectionFailureError(
	node: INode,
	error: unknown,
	how: 'not-sent' | 'maybe-sent',
	context: ConnectionFailureContext,
): NodeApiError {
	const cause = (error as { message?: string })?.message || String(error);
	const { message, description } = context.repeatable
		? {
				message: `Could not reach ${context.peer} at ${context.url}`,
				description: `Check the Base URL in the credential and the network between n8n and ${context.peer}. Tried ${context.attempts} time${context.attempts === 1 ? '' : 's'}. (${cause})`,
			}
		: lostWriteText(how, cause, context);
	const apiError = new NodeApiError(node, { message: cause } as JsonObject, {
		message,
		description,
		itemIndex: context.itemIndex,
	});
	// NodeApiError maps some causes to generic texts of its own; ours are set after construction.
	apiError.message = message;
	apiError.description = description;
	return apiError;
}
