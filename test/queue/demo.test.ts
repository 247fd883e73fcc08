/**
 * `npm start -- --queue` as a user runs it: the same demo on n8n's queue mode. It prints which process
 * does what (main, the load balancer, webhook processor, two workers, Postgres, Redis, each with its port and pid) and where
 * each n8n process logs; the printed login works; the printed curl makes a customer message that the
 * active examples answer, and the workers' own logs show that they ran those executions; Ctrl-C stops
 * every process, frees every port and removes the data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

import {
	expectCustomerAnswered,
	expectLoginWorks,
	portOpen,
	type RunningDemo,
	startDemo,
} from '../harness/demo';
import { eventually } from '../harness/e2e';

jest.setTimeout(240_000);

const ROLES = ['main', 'balancer', 'webhook', 'worker-1', 'worker-2', 'postgres', 'redis'];

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('npm start -- --queue (the demo in queue mode)', () => {
	let demo: RunningDemo;
	/** What the demo printed for each process: its port and pid. */
	const processes = () =>
		new Map(
			[
				...demo
					.output()
					.matchAll(/^ {4}(\S+)\s+(?:http:\/\/)?127\.0\.0\.1:(\d+)\S*\s+pid (\d+)\s+(.+)$/gm),
			].map(([, name, port, pid, role]) => [name, { port: Number(port), pid: Number(pid), role }]),
		);
	/** The log file the demo printed for an n8n process. */
	const logOf = (name: string) =>
		new RegExp(`^ {4}${name}\\s+(/\\S+\\.log)$`, 'm').exec(demo.output())?.[1] ?? '';

	beforeAll(async () => {
		demo = await startDemo(['--queue'], 420_000);
	}, 450_000);
	afterAll(() => demo?.kill());

	it('prints which process does what, each with its port, pid and log', () => {
		const printed = processes();
		expect([...printed.keys()]).toEqual(ROLES);
		expect(printed.get('main')!.role).toMatch(/editor.*activation/);
		expect(printed.get('balancer')!.role).toMatch(/load balancer.*deliveries.*readiness/);
		expect(printed.get('webhook')!.role).toMatch(/n8n webhook.*trigger/);
		for (const worker of ['worker-1', 'worker-2'])
			expect(printed.get(worker)!.role).toMatch(/n8n worker --concurrency=\d+.*runs executions/);
		expect(new Set([...printed.values()].map((p) => p.port)).size).toBe(ROLES.length);
		for (const { pid } of printed.values()) expect(alive(pid)).toBe(true);
		for (const name of ['main', 'webhook', 'worker-1', 'worker-2'])
			expect(existsSync(logOf(name))).toBe(true);
		// The editor is the main's URL.
		expect(demo.field('n8n editor')).toBe(`http://127.0.0.1:${printed.get('main')!.port}/`);
	});

	it('prints a login that works, quietly, without the access key', async () => {
		await expectLoginWorks(demo);
	});

	it('the printed curl plays a customer; the active examples answer, and the workers ran them', async () => {
		await expectCustomerAnswered(demo, 90_000);
		const client = await expectLoginWorks(demo);
		const executions = await eventually(
			'the two active examples’ executions to finish',
			async () => {
				const { results } = await client.rest<{
					results: Array<{ id: string; status: string; stoppedAt?: string | null }>;
				}>('GET', '/executions');
				return results.length >= 2 && results.every((e) => e.stoppedAt) ? results : undefined;
			},
			60_000,
		);
		expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
		const workerLogs = ['worker-1', 'worker-2'].map((name) => readFileSync(logOf(name), 'utf8'));
		for (const { id } of executions)
			expect({
				id,
				workers: workerLogs.filter((log) => log.includes(`Worker started execution ${id} `)).length,
			}).toEqual({ id, workers: 1 });
	});

	it('Ctrl-C stops every process, frees every port and removes the demo data', async () => {
		const printed = processes();
		const sandboxUrl = demo.field('Bird sandbox');
		const dataDir = /n8n data in (\S+?)\)/.exec(demo.output())![1];
		const folders = [dataDir, ...['webhook', 'worker-1', 'worker-2'].map((n) => dirname(logOf(n)))];
		for (const folder of folders) expect(existsSync(folder)).toBe(true);
		demo.interrupt();
		expect(await demo.exited).toBe(0);
		expect(demo.output()).toContain('[demo] stopped');
		expect(await portOpen(sandboxUrl)).toBe(false);
		for (const [name, { port, pid }] of printed) {
			expect({ name, listening: await portOpen(`http://127.0.0.1:${port}/`) }).toEqual({
				name,
				listening: false,
			});
			expect({ name, running: alive(pid) }).toEqual({ name, running: false });
		}
		for (const folder of folders) expect(existsSync(folder)).toBe(false);
	});
});
