// Four suites: unit (nodes through n8n-core's engine, mocked HTTP or the in-process sandbox),
// sandbox (the Bird emulator's own contract tests), e2e (a real n8n process) and queue (a real n8n
// in queue mode: main, workers, webhook processor).
// Type checking is done by `tsc -p tsconfig.test.json`, so ts-jest only transpiles here.
const transform = {
	'^.+\\.ts$': [
		'ts-jest',
		{ isolatedModules: true, diagnostics: false, tsconfig: 'tsconfig.test.json' },
	],
};
// dist/ holds a copy of package.json (built for n8n); ignoring it avoids jest's haste-name collision.
const common = {
	testEnvironment: 'node',
	transform,
	moduleFileExtensions: ['ts', 'js', 'json'],
	modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
	projects: [
		{
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/harness/jest-timeout.ts'],
		},
		{
			...common,
			displayName: 'sandbox',
			testMatch: ['<rootDir>/test/sandbox/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/harness/jest-timeout.ts'],
		},
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
		// n8n's queue mode (Postgres, Redis, main, workers, webhook processor): test/harness/queue.ts.
		{ ...common, displayName: 'queue', testMatch: ['<rootDir>/test/queue/**/*.test.ts'] },
	],
};
