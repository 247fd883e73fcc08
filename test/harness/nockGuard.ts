import nock from 'nock';

export interface GuardNockOptions {
	/**
	 * Hosts that may still be reached for real (passed to `nock.enableNetConnect`), e.g. `'127.0.0.1'` for
	 * a describe that runs against the in-process sandbox. Requests to them are recorded as unmatched too.
	 */
	allow?: string | RegExp;
}

/**
 * The guard every test file with mocked Bird wants, registered as jest hooks: no real network, each
 * request that matched no interceptor recorded (so a test can prove nothing reached "Bird"), and no
 * interceptor left unused when a test ends. Returns the running test's unmatched requests; the same
 * array is emptied before each test. After the tests nock is restored, so no interception and no
 * net-connect rule outlives the file (jest runs further files in the same process); a later guard in the
 * same file activates it again.
 */
export function guardNock(options: GuardNockOptions = {}): string[] {
	const unmatched: string[] = [];
	const record = (req: { method?: string; host?: string; path?: string }) =>
		unmatched.push(`${req.method} ${req.host ?? ''}${req.path}`);
	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
		if (options.allow !== undefined) nock.enableNetConnect(options.allow);
	});
	beforeEach(() => {
		unmatched.length = 0;
		nock.emitter.on('no match', record);
	});
	afterEach(() => {
		nock.emitter.removeAllListeners('no match');
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
	return unmatched;
}
