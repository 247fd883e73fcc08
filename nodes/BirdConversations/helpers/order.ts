import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { optionChosen } from './options';

const createdAtOf = (item: INodeExecutionData): number =>
	Date.parse(String(item.json.createdAt ?? ''));

/**
 * postReceive for the lists with Options → Oldest First. The option sends Bird's `reverse=true`, but Bird documents
 * neither its default order nor what `reverse` reverses (docs/bird-api.md §1.4, §3.4, §4.4), so the output is also
 * sorted here by `createdAt`, oldest first: the order then matches the option's name under either reading. Which
 * items a Limit picks still follows Bird's order (the first N Bird returns), and the executor runs this once over
 * every page, so Return All is sorted as a whole. Stable; items without a valid `createdAt` (participants in
 * Bird's examples carry none) keep their place relative to each other, after the dated ones.
 */
export async function sortOldestFirst(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	_response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (!optionChosen(this, 'reverse')) return items;
	return items
		.map((item, index) => ({ item, index, at: createdAtOf(item) }))
		.sort((a, b) => {
			const aDated = !Number.isNaN(a.at);
			const bDated = !Number.isNaN(b.at);
			if (aDated && bDated && a.at !== b.at) return a.at - b.at;
			if (aDated !== bDated) return aDated ? -1 : 1;
			return a.index - b.index;
		})
		.map(({ item }) => item);
}
