import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BirdItemFunctions } from '../../shared/context';
import type { ParameterReader } from './runParameters';

/**
 * The per-item view of an execute context that the declarative helpers (body builders, validators, upload,
 * Simplify) were written against, so the coded Send operation reuses them unchanged. It forwards to n8n's own
 * IExecuteFunctions with the item index filled in, and is declared as BirdItemFunctions (shared/context.ts),
 * so the compiler checks each member against n8n's IExecuteSingleFunctions signature.
 *
 * Parameters are read through `read` when given (runParameterReader: the run's reader that resolves a
 * parameter without expressions once), else straight from n8n.
 *
 * It carries no credential and no authenticated request helper: requests go through the shared request path
 * with the Authorization header Send built once per run (shared/transport.ts accessKeyAuthorization).
 */
export function itemContext(
	context: IExecuteFunctions,
	itemIndex: number,
	items: INodeExecutionData[],
	read: ParameterReader = (name, index, fallback, options) =>
		context.getNodeParameter(name, index, fallback as undefined, options),
): BirdItemFunctions {
	return {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getInputData: () => items[itemIndex],
		continueOnFail: () => context.continueOnFail(),
		getExecutionCancelSignal: () => context.getExecutionCancelSignal(),
		getNodeParameter: (name, fallback, options) =>
			read(name, itemIndex, fallback, options) as ReturnType<BirdItemFunctions['getNodeParameter']>,
		getCredentials: async (type) => await context.getCredentials(type, itemIndex),
		helpers: {
			httpRequest: context.helpers.httpRequest,
			assertBinaryData: (propertyName) => context.helpers.assertBinaryData(itemIndex, propertyName),
			getBinaryDataBuffer: async (propertyName) =>
				await context.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		},
	};
}
