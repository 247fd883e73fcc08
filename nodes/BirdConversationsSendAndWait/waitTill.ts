import type { IDataObject } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

/**
 * Options → Limit Wait Time as the moment n8n's wait tracker resumes the execution without a response (it
 * checks about once a minute). Without the option the execution waits indefinitely (n8n's WAIT_INDEFINITELY).
 * Units are those of n8n's own send-and-wait nodes. Pure: `now` is passed in. Throws an Error saying what is
 * wrong; the caller names the field.
 */
const UNIT_MS: Record<string, number> = {
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

export function waitTillFrom(limit: IDataObject | undefined, now: Date): Date {
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	if (limit.limitType === 'atSpecifiedTime') {
		const raw = limit.maxDateAndTime;
		const when = raw instanceof Date ? raw : new Date(String(raw ?? ''));
		if (!raw || Number.isNaN(when.getTime()))
			throw new Error(`Max Date and Time "${String(raw ?? '')}" is not a date and time`);
		return when;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	const unit = String(limit.resumeUnit ?? 'hours');
	if (!(unit in UNIT_MS)) throw new Error(`Unit "${unit}" is not minutes, hours or days`);
	if (!Number.isFinite(amount) || amount < 0)
		throw new Error(`Amount ${String(limit.resumeAmount)} is not a positive number`);
	return new Date(now.getTime() + amount * UNIT_MS[unit]);
}
