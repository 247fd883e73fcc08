import type {
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

/**
 * The per-item view of an execute context that the declarative helpers (body builders, validators,
 * upload, simplify, the retrying request) were written against, so the coded Send operation reuses them
 * unchanged. It forwards to n8n's own IExecuteFunctions with the item index filled in. Only the members
 * those helpers use are provided.
 *
 * `authorization` is the credential's header, built once per run by the caller: n8n's
 * httpRequestWithAuthentication reads and decrypts the credential from its database on every request,
 * which on a batch of messages costs more than the request itself. The header is exactly what the
 * credential's `authenticate` sends, and the request still goes through n8n's `httpRequest` helper.
 */
export function itemContext(
	context: IExecuteFunctions,
	itemIndex: number,
	items: INodeExecutionData[],
	authorization?: string,
): IExecuteSingleFunctions {
	const single = {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getInputData: () => items[itemIndex],
		continueOnFail: () => context.continueOnFail(),
		getNodeParameter: (
			name: string,
			fallback?: unknown,
			options?: Parameters<IExecuteFunctions['getNodeParameter']>[3],
		) => context.getNodeParameter(name, itemIndex, fallback, options),
		getCredentials: async (type: string) => await context.getCredentials(type, itemIndex),
		helpers: {
			httpRequest: context.helpers.httpRequest,
			httpRequestWithAuthentication: authorization
				? async (_credentialType: string, options: IHttpRequestOptions) =>
						await context.helpers.httpRequest({
							...options,
							headers: { ...options.headers, Authorization: authorization },
						})
				: context.helpers.httpRequestWithAuthentication,
			assertBinaryData: (propertyName: string) =>
				context.helpers.assertBinaryData(itemIndex, propertyName),
			getBinaryDataBuffer: async (propertyName: string) =>
				await context.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		},
	};
	return single as unknown as IExecuteSingleFunctions;
}
