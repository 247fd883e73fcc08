import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

type ReadOptions = Parameters<IExecuteFunctions['getNodeParameter']>[3];

/** Reads one node parameter for one item, as IExecuteFunctions.getNodeParameter does. */
export type ParameterReader = (
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: ReadOptions,
) => unknown;

/** True when any string in the value is an n8n expression (starts with "="), however deep. */
export function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(containsExpression);
	return false;
}

/** The parameter as stored on the node, at a dotted path such as "options.maxRetries". */
export function storedParameter(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * A parameter reader for one run of a node over many items. A parameter with no expression in it resolves
 * to the same value for every item, so it is resolved by n8n once and remembered; one with an expression is
 * resolved per item, as before.
 *
 * Why: each getNodeParameter call makes n8n copy and walk the parameter (and, for an expression, evaluate it
 * in its sandbox). Message → Send reads about ten parameters per item where the least a node can do reads
 * two, and over 1,000 items that was the whole of its gap to the n8n floor (BENCHMARKS.md). Objects are
 * handed out as copies, so a caller that changes one cannot change what the next item reads.
 */
export function runParameterReader(context: IExecuteFunctions): ParameterReader {
	const parameters = context.getNode().parameters;
	const resolved = new Map<string, unknown>();
	return (name, itemIndex, fallback, options) => {
		const read = () =>
			context.getNodeParameter(
				name,
				itemIndex,
				fallback as NodeParameterValueType | undefined,
				options,
			) as unknown;
		// n8n reads the fallback where the node has no such parameter; either way the same for every item.
		// A bracketed path ("a[0].b") is not looked up here, so it is never taken as expression-free.
		if (name.includes('[')) return read();
		const stored = storedParameter(parameters, name) ?? fallback;
		if (stored === undefined || containsExpression(stored)) return read();
		const key = JSON.stringify([name, fallback ?? null, options ?? null]);
		if (!resolved.has(key)) resolved.set(key, read());
		const value = resolved.get(key);
		return value !== null && typeof value === 'object' ? structuredClone(value) : value;
	};
}
