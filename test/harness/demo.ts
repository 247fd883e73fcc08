/**
 * `npm start` (scripts/demo.sh) as a user runs it, for test/e2e/demo.test.ts and queue mode's
 * test/queue/demo.test.ts: spawned in its own process group like a terminal's foreground job, on free
 * ports, with its output collected; checks of what every demo prints and does; Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';

import { N8nClient, REPO_ROOT } from '../../scripts/lib/n8n';
import { loadExamples } from '../../scripts/lib/workflows';
import { DEMO, eventually } from './e2e';

export interface RunningDemo {
	output(): string;
	/** The value printed after `label` at the start of a line (e.g. `n8n editor`). */
	field(label: string): string;
	exited: Promise<number | null>;
	/** Ctrl-C: SIGINT to the demo's process group. */
	interrupt(): void;
	/** SIGKILL to the group if it still runs (afterAll). */
	kill(): void;
}

/** Starts `bash scripts/demo.sh ...args` and waits until it says it is running. */
export async function startDemo(
	args: string[] = [],
	readyTimeoutMs = 180_000,
): Promise<RunningDemo> {
	const child: ChildProcess = spawn('bash', ['scripts/demo.sh', ...args], {
		cwd: REPO_ROOT,
		detached: true, // its own process group, like a terminal's foreground job
		env: { ...process.env, BIRD_DEMO_N8N_PORT: '0', BIRD_DEMO_SANDBOX_PORT: '0' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += String(chunk)));
	child.stderr!.on('data', (chunk) => (output += String(chunk)));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, name);
		} catch {
			// gone
		}
	};
	const demo: RunningDemo = {
		output: () => output,
		field: (label) => new RegExp(`^\\s+${label}\\s+(\\S+)`, 'm').exec(output)?.[1] ?? '',
		exited,
		interrupt: () => signal('SIGINT'),
		kill: () => {
			if (child.exitCode === null && child.signalCode === null) signal('SIGKILL');
		},
	};
	await eventually(
		'the demo to say it is running',
		() => output.includes('demo is running') && output.includes('Everything runs on 127.0.0.1'),
		readyTimeoutMs,
	).catch((error) => {
		demo.kill();
		throw new Error(`${(error as Error).message}\n--- demo output ---\n${output}`);
	});
	return demo;
}

export const portOpen = (url: string) =>
	new Promise<boolean>((resolve) => {
		const { hostname, port } = new URL(url);
		const socket = connect(Number(port), hostname);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

/** The printed login works and shows the examples; the output never shows the access key or n8n's noise. */
export async function expectLoginWorks(demo: RunningDemo): Promise<N8nClient> {
	const editor = demo.field('n8n editor');
	expect(editor).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
	const [, email, password] = /login\s+(\S+)\s+\/\s+(\S+)/.exec(demo.output())!;
	const client = new N8nClient(editor);
	await client.login(email, password);
	const workflows = await client.rest<Array<{ name: string }>>('GET', '/workflows');
	expect(workflows.map((w) => w.name).sort()).toEqual(
		loadExamples()
			.map((e) => e.workflow.name)
			.sort(),
	);
	expect(demo.output()).not.toContain(DEMO.accessKey.secret);
	expect(demo.output()).not.toMatch(/migration|Task Broker|deprecat/i);
	return client;
}

/**
 * Runs the printed curl (a customer on WhatsApp asking for an agent) and waits until the active examples
 * answered in the sandbox: the auto-reply, the escalation notice and the agent added.
 */
export async function expectCustomerAnswered(
	demo: RunningDemo,
	timeoutMs = 20_000,
): Promise<{ conversationId: string }> {
	const sandboxUrl = demo.field('Bird sandbox');
	const curlLine = /curl -s -X POST (\S+) .*\n\s+-d '([^']+)'/.exec(demo.output())!;
	expect(curlLine[1].startsWith(sandboxUrl)).toBe(true);
	const response = await fetch(curlLine[1], {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: curlLine[2],
	});
	expect(response.status).toBe(201);
	const { conversation } = (await response.json()) as { conversation: { id: string } };

	const bird = (path: string) =>
		fetch(`${sandboxUrl}/workspaces/${DEMO.workspaceId}/conversations/${conversation.id}${path}`, {
			headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` },
		}).then((r) => r.json() as Promise<{ results: Array<Record<string, any>> }>);
	const texts = await eventually(
		'the auto-reply and the escalation notice',
		async () => {
			const { results } = await bird('/messages?limit=50');
			const ours = results
				.filter((m) => m.sender?.type === 'accessKey')
				.map((m) => String(m.body?.text?.text));
			const answered =
				ours.some((t) => t.startsWith('Hi John Doe')) &&
				ours.some((t) => t.startsWith('An agent has joined'));
			return answered ? ours : undefined;
		},
		timeoutMs,
	);
	expect(texts.some((t) => t.startsWith('Hi John Doe, thanks for your message!'))).toBe(true);
	expect(texts).toContain('An agent has joined this conversation and will answer you shortly.');
	const { results: participants } = await bird('/participants');
	expect(participants.map((p) => p.id)).toContain(DEMO.agentUserId);
	return { conversationId: conversation.id };
}
