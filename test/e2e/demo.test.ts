/**
 * `npm start` (scripts/demo.sh) as a newcomer runs it: it builds, starts the sandbox and n8n, imports the
 * credential and the examples, prints the editor URL and login; the printed login works, the printed
 * curl makes a customer message that the active examples answer; Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

import { N8nClient, REPO_ROOT } from '../../scripts/lib/n8n';
import { loadExamples } from '../../scripts/lib/workflows';
import { DEMO, eventually } from '../harness/e2e';

jest.setTimeout(240_000);

const portOpen = (url: string) =>
	new Promise<boolean>((resolve) => {
		const { hostname, port } = new URL(url);
		const socket = connect(Number(port), hostname);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

describe('npm start (the demo)', () => {
	let demo: ChildProcess;
	let output = '';
	let exited: Promise<number | null>;

	beforeAll(async () => {
		demo = spawn('bash', ['scripts/demo.sh'], {
			cwd: REPO_ROOT,
			detached: true, // its own process group, like a terminal's foreground job
			env: { ...process.env, BIRD_DEMO_N8N_PORT: '0', BIRD_DEMO_SANDBOX_PORT: '0' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		demo.stdout!.on('data', (chunk) => (output += String(chunk)));
		demo.stderr!.on('data', (chunk) => (output += String(chunk)));
		exited = new Promise((resolve) => demo.once('exit', (code) => resolve(code)));
		await eventually(
			'the demo to say it is running',
			() => output.includes('demo is running') && output.includes('Everything runs on 127.0.0.1'),
			180_000,
		).catch((error) => {
			throw new Error(`${(error as Error).message}\n--- demo output ---\n${output}`);
		});
	});
	afterAll(async () => {
		if (demo.exitCode === null) {
			try {
				process.kill(-demo.pid!, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});

	const field = (label: string) =>
		new RegExp(`^\\s+${label}\\s+(\\S+)`, 'm').exec(output)?.[1] ?? '';

	it('prints the editor URL and a login that works, quietly, without the access key', async () => {
		const editor = field('n8n editor');
		expect(editor).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
		const [, email, password] = /login\s+(\S+)\s+\/\s+(\S+)/.exec(output)!;
		const client = new N8nClient(editor);
		await client.login(email, password);
		const workflows = await client.rest<Array<{ name: string; active: boolean }>>(
			'GET',
			'/workflows',
		);
		expect(workflows.map((w) => w.name).sort()).toEqual(
			loadExamples()
				.map((e) => e.workflow.name)
				.sort(),
		);
		expect(output).not.toContain(DEMO.accessKey.secret);
		expect(output).not.toMatch(/migration|Task Broker|deprecat/i);
	});

	it('the printed curl plays a customer, and the active examples answer in the sandbox', async () => {
		const sandboxUrl = field('Bird sandbox');
		const curlLine = /curl -s -X POST (\S+) .*\n\s+-d '([^']+)'/.exec(output)!;
		expect(curlLine[1].startsWith(sandboxUrl)).toBe(true);
		const response = await fetch(curlLine[1], {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: curlLine[2],
		});
		expect(response.status).toBe(201);
		const { conversation } = (await response.json()) as { conversation: { id: string } };

		const bird = (path: string) =>
			fetch(
				`${sandboxUrl}/workspaces/${DEMO.workspaceId}/conversations/${conversation.id}${path}`,
				{
					headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
				},
			).then((r) => r.json() as Promise<{ results: Array<Record<string, any>> }>);
		const texts = await eventually('the auto-reply and the escalation notice', async () => {
			const { results } = await bird('/messages?limit=50');
			const ours = results
				.filter((m) => m.sender?.type === 'accessKey')
				.map((m) => String(m.body?.text?.text));
			const answered =
				ours.some((t) => t.startsWith('Hi John Doe')) &&
				ours.some((t) => t.startsWith('An agent has joined'));
			return answered ? ours : undefined;
		});
		expect(texts.some((t) => t.startsWith('Hi John Doe, thanks for your message!'))).toBe(true);
		expect(texts).toContain('An agent has joined this conversation and will answer you shortly.');
		const { results: participants } = await bird('/participants');
		expect(participants.map((p) => p.id)).toContain(DEMO.agentUserId);
	});

	it('Ctrl-C stops n8n and the sandbox and removes the demo data', async () => {
		const editor = field('n8n editor');
		const sandboxUrl = field('Bird sandbox');
		const dataDir = /n8n data in (\S+?)\)/.exec(output)![1];
		expect(existsSync(dataDir)).toBe(true);
		process.kill(-demo.pid!, 'SIGINT');
		expect(await exited).toBe(0);
		expect(output).toContain('[demo] stopped');
		expect(await portOpen(editor)).toBe(false);
		expect(await portOpen(sandboxUrl)).toBe(false);
		expect(existsSync(dataDir)).toBe(false);
	});
});
