import type { IExecuteFunctions, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * The per-item view of an execute context that the declarative helpers (body builders, validators,
 * upload, simplify) were written against, so the coded Send operation reuses them unchanged. It forwards
 * to n8n's own IExecuteFunctions with the item index filled in. Only the members those helpers use are
 * provided.
 *
 * It carries no credential and no authenticated request helper: requests go through the shared request path
 * with the Authorization header Send built once per run (shared/transport.ts accessKeyAuthorization).
 */
export function itemContext(
	context: IExecuteFunctions,
	itemIndex: number,
	items: INodeExecutionData[],
): IExecuteSingleFunctions {
	const single = {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getInputData: () => items[itemIndex],
		continueOnFail: () => context.continueOnFail(),
		getExecutionCancelSignal: () => context.getExecutionCancelSignal(),
		getNodeParameter: (
			name: string,
			fallback?: unknown,
			options?: Parameters<IExecuteFunctions['getNodeParameter']>[3],
		) => context.getNodeParameter(name, itemIndex, fallback, options),
		getCredentials: async (type: string) => await context.getCredentials(type, itemIndex),
		helpers: {
			httpRequest: context.helpers.httpRequest,
			assertBinaryData: (propertyName: string) =>
				context.helpers.assertBinaryData(itemIndex, propertyName),
			getBinaryDataBuffer: async (propertyName: string) =>
				await context.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		},
	};
	return single as unknown as IExecuteSingleFunctions;
}
