/**
 * `npm start` (scripts/demo.sh) as a newcomer runs it: it builds, starts the sandbox and n8n, imports the
 * credential and the examples, prints the editor URL and login; the printed login works, the printed
 * curl makes a customer message that the active examples answer; Ctrl-C stops everything. The queue-mode
 * demo (`npm start -- --queue`) is test/queue/demo.test.ts; both use test/harness/demo.ts.
 */
import { existsSync } from 'node:fs';

import {
	expectCustomerAnswered,
	expectLoginWorks,
	portOpen,
	type RunningDemo,
	startDemo,
} from '../harness/demo';

jest.setTimeout(240_000);

describe('npm start (the demo)', () => {
	let demo: RunningDemo;

	beforeAll(async () => {
		demo = await startDemo();
	});
	afterAll(() => demo?.kill());

	it('prints the editor URL and a login that works, quietly, without the access key', async () => {
		await expectLoginWorks(demo);
	});

	it('the printed curl plays a customer, and the active examples answer in the sandbox', async () => {
		await expectCustomerAnswered(demo);
	});

	it('Ctrl-C stops n8n and the sandbox and removes the demo data', async () => {
		const editor = demo.field('n8n editor');
		const sandboxUrl = demo.field('Bird sandbox');
		const dataDir = /n8n data in (\S+?)\)/.exec(demo.output())![1];
		expect(existsSync(dataDir)).toBe(true);
		demo.interrupt();
		expect(await demo.exited).toBe(0);
		expect(demo.output()).toContain('[demo] stopped');
		expect(await portOpen(editor)).toBe(false);
		expect(await portOpen(sandboxUrl)).toBe(false);
		expect(existsSync(dataDir)).toBe(false);
	});
});
