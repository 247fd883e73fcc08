/** Small statistics for the benchmark: medians of repeated runs, percentiles of latencies, ratios. */

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile (p in 0–100): the value below which p % of the samples fall. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}

export const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

export const formatRatio = (value: number): string =>
	Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';

export function formatMs(ms: number): string {
	if (!Number.isFinite(ms)) return 'n/a';
	if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
	if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
	return `${ms.toFixed(0)} ms`;
}

export const formatMb = (bytes: number): string =>
	Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : 'n/a';

/** Whether a measured ratio meets a target ("≤" for times, "≥" for throughput). */
export function verdict(value: number, target: number, direction: 'max' | 'min'): string {
	if (!Number.isFinite(value)) return 'n/a';
	return (direction === 'max' ? value <= target : value >= target) ? 'met' : 'missed';
}

/** A Markdown table. */
export const table = (header: string[], rows: string[][]): string =>
	[
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');

/** One "Ratio | Measured | Target | met/missed" row. */
export const ratioRow = (
	label: string,
	value: number,
	target: number,
	direction: 'max' | 'min',
): string[] => [
	label,
	formatRatio(value),
	`${direction === 'max' ? '≤' : '≥'} ${target.toFixed(target < 1 ? 2 : 1)}×`,
	verdict(value, target, direction),
];

/** Executions per second: one decimal below 10/s, where whole numbers would hide a ratio. */
export const formatRate = (perSecond: number): string =>
	Number.isFinite(perSecond) ? `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s` : 'n/a';
