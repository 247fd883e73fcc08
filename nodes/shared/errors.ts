import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Bird's error envelope (docs/bird-api.md §1.2): code and message, and for 422 a map of JSON path → messages. */
export interface BirdErrorBody {
	code?: string;
	message?: string;
	details?: Record<string, unknown>;
}

export interface BirdErrorContext {
	/** What was being looked up, e.g. "conversation" — used to name the missing thing on a 404. */
	resourceLabel?: string;
	/** The ID (or identifier) that was looked up. */
	resourceId?: string;
	/** Maps Bird JSON paths (".initialMessage.body") to the n8n field name users see. */
	fieldNames?: Record<string, string>;
	/** How to fix a field Bird rejected (422), by JSON path, matched like fieldNames; appended to that detail line. */
	fieldHints?: Record<string, string>;
	itemIndex?: number;
	/**
	 * Set when Bird uses 403 for a rule of its own, not only for the key's role: removing a participant
	 * answers 403 "Deleting this participant is not allowed" (docs/bird-api.md §1.3, §4.2).
	 */
	forbiddenAction?: string;
}

function asBirdBody(body: unknown): BirdErrorBody {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as BirdErrorBody;
	if (typeof body === 'string' && body.trim().startsWith('{')) {
		try {
			return JSON.parse(body) as BirdErrorBody;
		} catch {
			return { message: body };
		}
	}
	return typeof body === 'string' && body ? { message: body } : {};
}

/**
 * Finds the n8n field for a Bird JSON path: exact match first, then the longest known prefix. Array
 * indices (".recipients[1].identifierValue") are tried as written and without them, because every row
 * of a list is filled by the same field; the path shown next to the field name keeps the row number.
 */
export function fieldNameForPath(
	path: string,
	fieldNames: Record<string, string> = {},
): string | undefined {
	const normalised = path.startsWith('.') ? path : `.${path}`;
	const candidates = [normalised, normalised.replace(/\[\d*\]/g, '')];
	for (const candidate of candidates) if (fieldNames[candidate]) return fieldNames[candidate];
	let best: string | undefined;
	for (const prefix of Object.keys(fieldNames)) {
		const matches = candidates.some(
			(candidate) => candidate.startsWith(`${prefix}.`) || candidate.startsWith(`${prefix}[`),
		);
		if (matches && (!best || prefix.length > best.length)) best = prefix;
	}
	return best ? fieldNames[best] : undefined;
}

/**
 * One line per invalid field: `"Text" (.body.text.text): Property 'text' is missing`, followed by the fix when
 * `fieldHints` has one for that path: `"Sender ID" (.participantId): Unknown access key. Use the access key's ID…`.
 */
export function describeValidationDetails(
	details: Record<string, unknown> | undefined,
	fieldNames?: Record<string, string>,
	fieldHints?: Record<string, string>,
): string[] {
	if (!details) return [];
	return Object.entries(details).map(([path, messages]) => {
		const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
		const field = fieldNameForPath(path, fieldNames);
		const hint = fieldNameForPath(path, fieldHints);
		const where = field ? `"${field}" (${path})` : path;
		const said = list.join('; ');
		return hint
			? `${where}: ${said}${/[.!?]$/.test(said) ? '' : '.'} ${hint}`
			: `${where}: ${said}`;
	});
}

const PASTE_THE_SECRET = 'Paste the whole secret of an active key (not its ID) into Access Key.';

/** Both readings of a 403 (docs/bird-api.md §1.3): the key itself, or what its role allows here. */
const BOTH_403_CAUSES =
	`1) The key: the Access Key in the credential is wrong, revoked or expired. ${PASTE_THE_SECRET}\n` +
	'2) Its permissions: the key belongs to another workspace than the Workspace ID, or its access role does not allow this call. Check the Workspace ID, and give the key the "Application Developer" role or a policy that allows this path.';

/** What Bird's 404 message may name as missing, longest first ("webhook subscription" before "message"). */
const NOT_FOUND_KINDS = [
	'webhook subscription',
	'organization',
	'conversation',
	'participant',
	'workspace',
	'message',
	'channel',
	'contact',
	'media',
];
const NAMED_NOT_FOUND = new RegExp(
	`^\\s*(${NOT_FOUND_KINDS.join('|')})(?:\\s+'([^']*)'|\\s+"([^"]*)")?\\s+(?:does not exist|was not found|not found)`,
	'i',
);

/**
 * The resource a Bird 404 names ("Workspace '' does not exist" → workspace, ID ''), when its message
 * starts with one; undefined for a message that names none ("The requested resource does not exist").
 */
export function notFoundNamedByBird(message: unknown): { kind: string; id?: string } | undefined {
	const match = typeof message === 'string' ? NAMED_NOT_FOUND.exec(message) : null;
	return match ? { kind: match[1].toLowerCase(), id: match[2] ?? match[3] } : undefined;
}

/** A 404 whose message names another resource than the one asked for: say what Bird did not find. */
function otherResourceNotFound(named: { kind: string; id?: string }, what: string) {
	const id = named.id === undefined ? '' : named.id === '' ? ' (an empty ID)' : ` "${named.id}"`;
	const where =
		named.kind === 'workspace'
			? 'Check the Workspace ID in the Bird Conversations API credential.'
			: named.kind === 'organization'
				? 'Check the Organization ID in the Bird Conversations API credential.'
				: `Check the ${named.kind} ID in this node.`;
	const about =
		what === 'resource'
			? ''
			: `The ${what} itself may exist: Bird's 404 is about the ${named.kind}. `;
	return { message: `Bird did not find the ${named.kind}${id} (404)`, hint: `${about}${where}` };
}

function summaryFor(
	statusCode: number,
	bird: BirdErrorBody,
	context: BirdErrorContext,
): { message: string; hint: string } {
	const what = context.resourceLabel ?? 'resource';
	const named = statusCode === 404 ? notFoundNamedByBird(bird.message) : undefined;
	if (named && named.kind !== what) return otherResourceNotFound(named, what);
	switch (statusCode) {
		case 400:
			return {
				message: 'Bird could not read the request (400)',
				hint: 'Check the values sent by this node.',
			};
		// docs/bird-api.md §1.3: Bird does not document whether a wrong, revoked or missing key gets 401 or 403,
		// so neither text may rule out the other cause: a 401 is always about the key, a 403 may be either.
		case 401:
			return {
				message: 'Bird rejected the access key (401)',
				hint: `The Access Key in the Bird Conversations API credential is missing, wrong, revoked or expired. ${PASTE_THE_SECRET}`,
			};
		case 403:
			if (context.forbiddenAction) {
				return {
					message: `Bird refused to ${context.forbiddenAction} (403)`,
					hint: `Bird refuses this for some ${what}s, and also when it does not accept the access key or the key's role does not allow the call; Bird's message above may say which.\n${BOTH_403_CAUSES}`,
				};
			}
			return {
				message: 'Bird refused access with this access key (403)',
				hint: `Bird does not document whether it answers a wrong access key with 401 or 403, so check both causes:\n${BOTH_403_CAUSES}`,
			};
		case 404:
			return {
				message: context.resourceId
					? `The ${what} "${context.resourceId}" was not found (404)`
					: `The ${what} was not found (404)`,
				hint: context.resourceId
					? `Check the ID, and that the ${what} belongs to the workspace in the credential.`
					: 'Check the IDs in this node and the Workspace ID in the credential.',
			};
		case 409:
			return {
				message: 'Bird refused the request because of a conflicting state (409)',
				hint: 'For example a conversation that is closed, a draft that was already sent, or a duplicate message reference.',
			};
		case 422:
			return {
				message: 'Bird rejected one or more fields (422)',
				hint: 'Fix the fields listed below.',
			};
		case 429:
			return {
				message: 'Bird rate limit reached (429)',
				hint: 'The workspace sent more requests per second than Bird allows (GET 50/s, POST 500/s). Raise "Max Retries", or space requests out with the batching settings.',
			};
		default:
			if (statusCode >= 500) {
				return {
					message: `Bird had a server error (${statusCode})`,
					hint: 'Bird says such requests are safe to retry later.',
				};
			}
			return { message: bird.message ?? `Bird answered ${statusCode}`, hint: '' };
	}
}

/**
 * Builds the NodeApiError users see for a non-2xx answer from Bird. It keeps Bird's own code,
 * message and every 422 detail, and adds what to do about it.
 */
export function birdApiError(
	node: INode,
	statusCode: number,
	body: unknown,
	context: BirdErrorContext = {},
): NodeApiError {
	const bird = asBirdBody(body);
	const { message, hint } = summaryFor(statusCode, bird, context);
	const detailLines = describeValidationDetails(
		bird.details as Record<string, unknown> | undefined,
		context.fieldNames,
		context.fieldHints,
	);
	const birdLine =
		bird.code || bird.message
			? `Bird says: ${[bird.code, bird.message].filter(Boolean).join(' — ')}`
			: '';
	const description = [birdLine, ...detailLines, hint].filter(Boolean).join('\n');
	const errorResponse: JsonObject = {
		httpCode: String(statusCode),
		statusCode,
		code: bird.code ?? null,
		message: bird.message ?? message,
		details: (bird.details as JsonObject) ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex: context.itemIndex,
	});
	return error;
}

/**
 * Passes on an error caught around a Bird request so n8n shows it with its context. Errors from the
 * transport are already NodeApiError (Bird's code, message and details) and go through unchanged;
 * anything else (a bug, an unexpected rejection) is wrapped so the UI still names the node.
 */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}
