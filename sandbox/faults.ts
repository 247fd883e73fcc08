import { BirdHttpError } from './errors';

/**
 * Fault injection and Bird's per-workspace rate limits (docs/bird-api.md §1.5: GET 50/s, POST 500/s → 429).
 * PATCH and DELETE count in the POST bucket: Bird does not say, and the larger bucket avoids false 429s.
 */
export interface FaultSettings {
	/**
	 * `retryAfter` in seconds. Left out, a 429 or 503 carries `Retry-After: 1`, like the sandbox's own rate
	 * limiter, so injected and real throttling look alike. Whether Bird sends the header is not documented
	 * (docs/bird-api.md §1.5), hence `null`: no header at all, to test a client's own backoff. `0` sends
	 * `Retry-After: 0`. Other statuses carry the header only when given.
	 */
	failNext?: { count: number; status: number; retryAfter?: number | null };
	latencyMs: number;
	dropNext: number;
}

export class Faults {
	settings: FaultSettings = { latencyMs: 0, dropNext: 0 };
	private readonly windows = new Map<string, { second: number; count: number }>();

	constructor(public rateLimits: boolean) {}

	configure(update: Partial<FaultSettings>): FaultSettings {
		if (update.failNext !== undefined) this.settings.failNext = update.failNext;
		if (update.latencyMs !== undefined)
			this.settings.latencyMs = Math.max(0, Number(update.latencyMs) || 0);
		if (update.dropNext !== undefined)
			this.settings.dropNext = Math.max(0, Number(update.dropNext) || 0);
		return this.settings;
	}

	reset(): void {
		this.settings = { latencyMs: 0, dropNext: 0 };
		this.windows.clear();
	}

	/** Throws the injected failure for this request, if one is queued. */
	takeFailure(): void {
		const fail = this.settings.failNext;
		if (!fail || fail.count <= 0) return;
		fail.count -= 1;
		const headers: Record<string, string> = {};
		const retryAfter =
			fail.retryAfter === undefined && (fail.status === 429 || fail.status === 503)
				? 1
				: fail.retryAfter;
		if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
		const code =
			fail.status === 429
				? 'TooManyRequests'
				: fail.status === 503
					? 'ServiceUnavailable'
					: 'InternalServerError';
		throw new BirdHttpError(
			fail.status,
			code,
			`Injected failure (${fail.status})`,
			undefined,
			headers,
		);
	}

	/** True when this request should be answered and then have its connection cut mid-response. */
	takeDrop(): boolean {
		if (this.settings.dropNext <= 0) return false;
		this.settings.dropNext -= 1;
		return true;
	}

	checkRateLimit(workspaceId: string | undefined, method: string): void {
		if (!this.rateLimits || !workspaceId) return;
		const bucket = method === 'GET' || method === 'HEAD' ? 'GET' : 'POST';
		const limit = bucket === 'GET' ? 50 : 500;
		const key = `${workspaceId}:${bucket}`;
		const second = Math.floor(Date.now() / 1000);
		const window = this.windows.get(key);
		if (!window || window.second !== second) {
			this.windows.set(key, { second, count: 1 });
			return;
		}
		window.count += 1;
		if (window.count > limit) {
			throw new BirdHttpError(
				429,
				'TooManyRequests',
				`Rate limit of ${limit} ${bucket} requests per second per workspace exceeded`,
				undefined,
				{ 'retry-after': '1' },
			);
		}
	}
}
