import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import type { BirdRunOptions, BirdRunResult, BirdTestCredentials } from './bird';
import { runBirdNode } from './bird';

/** Options the unit tests start the sandbox with: any free port, no rate limits, messages stay accepted. */
export const UNIT_SANDBOX_OPTIONS: SandboxOptions = {
	port: 0,
	rateLimits: false,
	statusProgressionMs: 0,
};

export interface SandboxUnderTest {
	/** The running sandbox (only inside tests and hooks: it starts in beforeAll). */
	readonly sandbox: Sandbox;
	readonly url: string;
	readonly app: Sandbox['app'];
	readonly context: Sandbox['context'];
	/** Credentials that reach this sandbox with the demo access key (`overrides` win). */
	credentials(overrides?: Partial<BirdTestCredentials>): Partial<BirdTestCredentials>;
	/** `runBirdNode` against this sandbox; `options.credentials` are added to the sandbox's. */
	run(parameters: object, options?: BirdRunOptions): Promise<BirdRunResult>;
}

/**
 * Starts the Bird sandbox before the tests of the enclosing describe (or file) and closes it after them,
 * as jest hooks. `options` are added to UNIT_SANDBOX_OPTIONS.
 */
export function useSandbox(options: SandboxOptions = {}): SandboxUnderTest {
	let sb: Sandbox | undefined;
	const running = (): Sandbox => {
		if (!sb)
			throw new Error('The sandbox runs only inside tests and hooks (it starts in beforeAll)');
		return sb;
	};
	beforeAll(async () => {
		sb = await startSandbox({ ...UNIT_SANDBOX_OPTIONS, ...options });
	});
	afterAll(async () => {
		await sb?.close();
		sb = undefined;
	});
	const handle: SandboxUnderTest = {
		get sandbox() {
			return running();
		},
		get url() {
			return running().url;
		},
		get app() {
			return running().app;
		},
		get context() {
			return running().context;
		},
		credentials: (overrides = {}) => ({
			accessKey: DEMO.accessKey.secret,
			baseUrl: running().url,
			...overrides,
		}),
		run: async (parameters, runOptions = {}) =>
			await runBirdNode(parameters as never, {
				...runOptions,
				credentials: handle.credentials(runOptions.credentials),
			}),
	};
	return handle;
}
