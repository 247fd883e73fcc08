import { sleep } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES, MAX_RETRIES_CEILING } from './constants';

/** Upper bound for one wait, so a huge Retry-After cannot park an execution for hours. */
const MAX_DELAY_MS = 60_000;
const BASE_DELAY_MS = 500;

/**
 * Bird answers 429 when a workspace exceeds its rate limit (the request was not processed,
 * docs/bird-api.md §1.5) and says 5xx answers are safe to retry (§1.2). Nothing else is retried: a 2xx must
 * never be repeated, and 4xx answers will not change by asking again.
 */
export function isRetryableStatus(statusCode: number): boolean {
	return statusCode === 429 || (statusCode >= 500 && statusCode <= 599);
}

/** Reads a Retry-After header given in seconds or as an HTTP date; undefined when absent or bad. */
export function parseRetryAfterMs(value: unknown, now: number = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Max Retries as the request path applies it: the option's value (it may come from an expression) as a whole
 * number from 0 to MAX_RETRIES_CEILING, and DEFAULT_MAX_RETRIES when it is not a number.
 */
export function maxRetriesFrom(value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) return DEFAULT_MAX_RETRIES;
	return Math.min(MAX_RETRIES_CEILING, Math.max(0, Math.floor(number)));
}

/**
 * Delay before retry number `attempt` (1-based): Retry-After when Bird sends one, otherwise
 * exponential backoff with full jitter so parallel items do not retry in lockstep.
 */
export function retryDelayMs(
	attempt: number,
	retryAfterHeader?: unknown,
	random: () => number = Math.random,
): number {
	const fromHeader = parseRetryAfterMs(retryAfterHeader);
	if (fromHeader !== undefined) return Math.min(fromHeader, MAX_DELAY_MS);
	const ceiling = Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function waitBeforeRetry(attempt: number, retryAfterHeader?: unknown): Promise<void> {
	await sleep(retryDelayMs(attempt, retryAfterHeader));
}
