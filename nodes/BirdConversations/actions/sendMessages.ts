import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { buildSendMessageBody, conversationIdOf } from '../helpers/messageBody';
import { simplifyMessageItems } from '../helpers/simplify';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../shared/constants';
import { birdRequest } from '../../shared/transport';
import { itemContext } from './itemContext';
import { itemPolicy, openSession } from './request';
import { runParameterReader } from './runParameters';

/**
 * Message → Send, coded (n8n's `customOperations`, as in n8n's WhatsApp node) instead of routed.
 *
 * Why: n8n's declarative engine resolves every parameter of the node twice per item, once per property
 * definition, before each request; with expressions in Conversation and Text that was 17 expression
 * evaluations per message in n8n 2.41's sandboxed evaluator, and sending was twice as slow as an HTTP
 * Request node (see BENCHMARKS.md). Here each parameter is read once per item (one without expressions
 * once per run: runParameters.ts), the credential once per
 * run (not once per request), and the messages go out with at most `Concurrent Requests` in flight, which keeps a large batch
 * under Bird's 500 POST/s workspace limit (docs/bird-api.md §1.5) while 429s are still retried per message.
 *
 * Results keep the input order and pair with their item. A failing item stops new sends (unless Continue
 * On Fail), waits for those already in flight (they reached Bird), and is reported with its item index.
 */
export async function sendMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// The credential once per run: base URL, workspace and the Authorization header for every message.
	const { baseURL, workspace, authorization } = await openSession(this);
	const concurrency = Math.min(
		MAX_CONCURRENCY,
		Math.max(
			1,
			Math.floor(
				Number(this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY)) ||
					DEFAULT_CONCURRENCY,
			),
		),
	);

	const results: INodeExecutionData[][] = new Array(items.length);
	// Failing items stop new sends; the earliest one is reported (workers run concurrently, so a later item can fail first).
	const failures: Array<{ itemIndex: number; error: Error }> = [];
	let next = 0;

	const read = runParameterReader(this);
	const sendOne = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		const single = itemContext(this, itemIndex, items, read);
		const conversationId = conversationIdOf(single);
		const request: IHttpRequestOptions = {
			method: 'POST',
			baseURL,
			url: `/workspaces/${workspace}/conversations/${encodeURIComponent(conversationId)}/messages`,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		};
		const prepared = await buildSendMessageBody.call(single, request, conversationId);
		const response = await birdRequest(single, prepared, itemPolicy(single, authorization));
		const sent = [
			{
				json: (response.body && typeof response.body === 'object'
					? response.body
					: {}) as IDataObject,
				pairedItem: { item: itemIndex },
			},
		];
		return await simplifyMessageItems.call(single, sent, response);
	};

	const worker = async () => {
		while (failures.length === 0 && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await sendOne(itemIndex);
			} catch (caught) {
				const error = asItemError(this, caught, itemIndex);
				if (this.continueOnFail()) {
					results[itemIndex] = [
						{ json: { error: error.message }, error, pairedItem: { item: itemIndex } },
					];
				} else {
					failures.push({ itemIndex, error });
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (failures.length) throw failures.sort((a, b) => a.itemIndex - b.itemIndex)[0].error;
	return [results.flat()];
}

function asItemError(
	context: IExecuteFunctions,
	caught: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (caught instanceof NodeApiError || caught instanceof NodeOperationError) {
		caught.context.itemIndex = itemIndex;
		return caught;
	}
	return new NodeApiError(context.getNode(), caught as JsonObject, { itemIndex });
}
