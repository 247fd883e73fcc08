import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Conversation → Update Fields → Attributes Mode values. */
export const ATTRIBUTES_MERGE = 'merge';
export const ATTRIBUTES_REPLACE = 'replace';

type Send = (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;

const asObject = (value: unknown): IDataObject =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};

function parameter(context: IExecuteSingleFunctions, name: string, fallback: unknown): unknown {
	try {
		return context.getNodeParameter(name, fallback);
	} catch {
		return fallback;
	}
}

/** Whether this request is a Conversation → Update whose attributes are to be merged with the stored ones. */
export function mergesAttributes(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): boolean {
	if (
		parameter(context, 'resource', '') !== 'conversation' ||
		parameter(context, 'operation', '') !== 'update'
	)
		return false;
	const mode = asObject(parameter(context, 'updateFields', {})).attributesMode ?? ATTRIBUTES_MERGE;
	const attributes = asObject(options.body).attributes;
	return mode === ATTRIBUTES_MERGE && !!attributes && typeof attributes === 'object';
}

/**
 * One queue per conversation URL in this n8n process. n8n's declarative engine sends the items of one run
 * concurrently, so without it two items updating different attributes of the same conversation would both
 * read the old map and the second PATCH would undo the first.
 */
const queues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
	const run = (queues.get(key) ?? Promise.resolve()).then(task);
	const settled = run.catch(() => undefined);
	queues.set(key, settled);
	try {
		return await run;
	} finally {
		if (queues.get(key) === settled) queues.delete(key);
	}
}

/** The read's error (a NodeApiError from the executor), its description saying that nothing was changed. */
function failedRead(error: unknown): unknown {
	if (error instanceof NodeApiError) {
		error.description = [
			error.description,
			'This was the read of the existing attributes (Attributes Mode: Merge With Existing); nothing was changed.',
		]
			.filter(Boolean)
			.join('\n');
	}
	return error;
}

/**
 * Conversation → Update with Attributes Mode "Merge With Existing" (the default): GET the conversation, lay the
 * user's attributes over the stored ones, PATCH the full map. Bird's PATCH takes `attributes` (both documented
 * examples send it) but Bird does not say whether it merges them into the stored map or replaces it
 * (docs/bird-api.md §2.5); sending the full map keeps every untouched key under both readings.
 *
 * NOT ATOMIC. Bird documents no conditional update (no ETag / If-Match), so if another client changes this
 * conversation's attributes between our GET and our PATCH, the values we read win and its change is lost (under
 * either reading, since we send every key). The queue above only orders updates made by this n8n process.
 */
export async function patchWithMergedAttributes(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	send: Send,
): Promise<IN8nHttpFullResponse> {
	const key = `${String(options.baseURL ?? '')}${String(options.url ?? '')}`;
	return await oneAtATime(key, async () => {
		const read: IHttpRequestOptions = { ...options, method: 'GET', body: undefined, qs: {} };
		let current: IN8nHttpFullResponse;
		try {
			current = await send(read);
		} catch (error) {
			throw failedRead(error);
		}
		const body = asObject(options.body);
		const attributes = {
			...asObject(asObject(current.body).attributes),
			...asObject(body.attributes),
		};
		return await send({ ...options, body: { ...body, attributes } });
	});
}
