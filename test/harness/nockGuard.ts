import nock from 'nock';

/**
 * The guard every test file with mocked Bird wants, registered as jest hooks: no real network, each
 * request that matched no interceptor recorded (so a test can prove nothing reached "Bird"), and no
 * interceptor left unused when a test ends. Returns the running test's unmatched requests; the same
 * array is emptied before each test.
 */
export function guardNock(): string[] {
	const unmatched: string[] = [];
	const record = (req: { method?: string; host?: string; path?: string }) => unmatched.push(`${req.method} ${req.host ?? ''}${req.path}`);
	beforeAll(() => nock.disableNetConnect());
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
	afterAll(() => nock.enableNetConnect());
	return unmatched;
}
