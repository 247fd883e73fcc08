import { invalidPayload } from './errors';

/**
 * Bird's cursor pagination (docs/bird-api.md §1.4): `limit` 1–100 (default 10), an opaque `pageToken`,
 * `nextPageToken` only when more items exist, and `reverse`. The token encodes the sort key of the last
 * item returned, like Bird's base64 `["<timestamp>","<uuid>"]`, so a page never repeats or skips an item
 * that existed before the listing started, even while new items are added.
 */
export interface PageQuery {
	limit?: unknown;
	pageToken?: unknown;
	reverse?: unknown;
}

export interface Page<T> {
	results: T[];
	nextPageToken?: string;
}

type SortKey = [string, string];

function parseLimit(raw: unknown, defaultLimit: number): number {
	if (raw === undefined || raw === '') return defaultLimit;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 100) {
		throw invalidPayload({ '.limit': ['Must be an integer between 1 and 100'] });
	}
	return n;
}

function parseToken(raw: unknown): SortKey | undefined {
	if (raw === undefined || raw === '') return undefined;
	try {
		const decoded = JSON.parse(Buffer.from(String(raw), 'base64').toString('utf8')) as unknown;
		if (
			Array.isArray(decoded) &&
			decoded.length === 2 &&
			decoded.every((v) => typeof v === 'string')
		) {
			return decoded as SortKey;
		}
	} catch {
		// fall through to the error below
	}
	throw invalidPayload({ '.pageToken': ['Invalid page token'] });
}

/** Bird declares `reverse` a boolean: `true`/`false` only, like the query strings clients send. */
function parseReverse(raw: unknown): boolean {
	if (raw === undefined || raw === '' || raw === false || raw === 'false') return false;
	if (raw === true || raw === 'true') return true;
	throw invalidPayload({ '.reverse': ['Must be true or false'] });
}

const encodeToken = (key: SortKey) => Buffer.from(JSON.stringify(key)).toString('base64');

function compare(a: SortKey, b: SortKey): number {
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
	return 0;
}

function isAscending<T>(items: T[], keyOf: (item: T) => SortKey): boolean {
	for (let i = 1; i < items.length; i++)
		if (compare(keyOf(items[i - 1]), keyOf(items[i])) > 0) return false;
	return true;
}

/** Index of the first item of `ascending` for which `isPast` holds (`isPast` is false, then true). */
function firstIndexWhere<T>(ascending: T[], isPast: (item: T) => boolean): number {
	let low = 0;
	let high = ascending.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (isPast(ascending[mid])) high = mid;
		else low = mid + 1;
	}
	return low;
}

/**
 * @param newestFirst the endpoint's default order; `reverse=true` flips it.
 * @param sorted the caller guarantees `items` ascend by `keyOf` (e.g. a cached, sorted list); otherwise
 *   they are checked (linear) and sorted only when needed.
 * A page is then a binary search and a slice in either direction, never a copy of the whole list: listing
 * 50,000 conversations page by page stays linear overall.
 */
export function paginate<T>(
	items: T[],
	query: PageQuery,
	keyOf: (item: T) => SortKey,
	options: { newestFirst: boolean; defaultLimit?: number; sorted?: boolean },
): Page<T> {
	const limit = parseLimit(query.limit, options.defaultLimit ?? 10);
	const after = parseToken(query.pageToken);
	const reverse = parseReverse(query.reverse);
	const descending = options.newestFirst !== reverse;
	const ascending =
		options.sorted || isAscending(items, keyOf)
			? items
			: [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
	let results: T[];
	let more: boolean;
	if (descending) {
		// Newest first: the page ends just before the token's item (or at the newest item).
		const end = after
			? firstIndexWhere(ascending, (item) => compare(keyOf(item), after) >= 0)
			: ascending.length;
		const begin = Math.max(0, end - limit);
		results = ascending.slice(begin, end).reverse();
		more = begin > 0;
	} else {
		const start = after ? firstIndexWhere(ascending, (item) => compare(keyOf(item), after) > 0) : 0;
		results = ascending.slice(start, start + limit);
		more = ascending.length > start + limit;
	}
	const page: Page<T> = { results };
	if (more && results.length) page.nextPageToken = encodeToken(keyOf(results[results.length - 1]));
	return page;
}
