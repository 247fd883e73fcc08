import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fieldError } from './validate';

/** A moment given as text, epoch milliseconds, a Date or a Luxon DateTime (what `$now` and friends return). */
function instantOf(value: unknown): Date {
	if (value instanceof Date) return value;
	if (typeof value === 'number') return new Date(value);
	if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		return new Date((value as { toMillis: () => number }).toMillis());
	}
	return new Date(String(value ?? '').trim());
}

/**
 * preSend for Message → Get Many: Filters → Created After becomes Bird's `dateFrom`, an ISO 8601 instant.
 * Done here rather than as a routing expression, where `new Date($value).toISOString()` threw a bare
 * RangeError ("Invalid time value") for input such as "yesterday", naming neither the field nor the fix.
 */
export async function buildMessageListQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	if (filters.dateFrom === undefined || filters.dateFrom === null) return requestOptions;
	const fix =
		'Pick a date and time, or enter one such as 2024-11-28T10:00:00Z, or an expression such as {{ $now.minus(1, "day") }}. Remove the filter to list every message.';
	// An expression that resolves to nothing (e.g. a missing field) must not quietly list every message.
	if (typeof filters.dateFrom === 'string' && !filters.dateFrom.trim())
		throw fieldError(this, 'Filters → Created After', 'is empty', fix);
	const date = instantOf(filters.dateFrom);
	if (Number.isNaN(date.getTime())) {
		throw fieldError(
			this,
			'Filters → Created After',
			`"${String(filters.dateFrom)}" is not a valid date`,
			fix,
		);
	}
	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), dateFrom: date.toISOString() } };
}
