import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

import {
	installLikeN8n,
	packedPackage,
	startN8n,
	type N8nExecution,
	type N8nInstance,
	type StartN8nOptions,
} from '../../scripts/lib/n8n';
import { withCredential, type WorkflowJson } from '../../scripts/lib/workflows';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import { FLOOR_PACKAGE, packedFloor } from './floor';

export { DEMO };

/**
 * What every scenario runs against: the Bird sandbox in this process (rate limits off, local webhook
 * URLs allowed, retries far apart so a slow answer is not delivered twice) and one real n8n (or n8n's
 * queue mode, bench/lib/queue-stack.ts) with our package and the floor package (bench/floor), a Bird
 * credential and the Header Auth credential a do-it-yourself user would make.
 */
export interface BenchStack {
	sandbox: Sandbox;
	/** The n8n that takes API calls and manual runs (in queue mode: the main). */
	n8n: N8nInstance;
	/** Where deliveries go, trailing slash: n8n itself, or in queue mode the webhook processor. */
	webhookBase: string;
	birdCredential: { id: string; name: string };
	headerCredential: { id: string; name: string };
	importWorkflow(workflow: WorkflowJson): Promise<string>;
	/** Back to the demo data: no conversations but the demo's, no messages, subscriptions or deliveries. */
	resetSandbox(): Promise<void>;
	/** Requests the sandbox received, by "METHOD path?query"; reset with `countRequests.clear()`. */
	requests: Map<string, number>;
	close(): Promise<void>;
}

/** The Bird sandbox as every scenario wants it, with a counter of the requests it received. */
export async function startBenchSandbox(): Promise<{
	sandbox: Sandbox;
	requests: Map<string, number>;
}> {
	const sandbox = await startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		retrySchedule: [30_000, 60_000],
		deliveryTimeoutMs: 120_000,
		statusProgressionMs: 0,
	});
	const requests = new Map<string, number>();
	// Node's server emits 'request' to every listener; this one only counts, Fastify still answers.
	sandbox.app.server.on('request', (request: IncomingMessage) => {
		if (request.url?.startsWith('/_sandbox')) return;
		const key = `${request.method} ${request.url}`;
		requests.set(key, (requests.get(key) ?? 0) + 1);
	});
	return { sandbox, requests };
}

/** Ours and the floor package, both through n8n's installer path (same community-node costs). */
export const installBoth: NonNullable<StartN8nOptions['install']> = (userFolder, npmEnv) => {
	installLikeN8n(userFolder, packedPackage(), npmEnv);
	installLikeN8n(userFolder, packedFloor(), npmEnv, FLOOR_PACKAGE);
};

export async function startBenchStack(n8nEnv: Record<string, string> = {}): Promise<BenchStack> {
	const { sandbox, requests } = await startBenchSandbox();
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({
			secrets: [DEMO.accessKey.secret],
			install: installBoth,
			// Production webhooks answer as soon as n8n has the body; keep n8n's own logs quiet while measuring.
			env: { N8N_LOG_LEVEL: 'warn', ...n8nEnv },
		});
	} catch (error) {
		await sandbox.close();
		throw error;
	}
	return benchStackAround(sandbox, requests, n8n, n8n.url, async () => {
		await n8n.stop();
		await sandbox.close();
	});
}

/**
 * The credentials and helpers every scenario uses, around a sandbox and an n8n that takes the API calls
 * (a regular n8n, or a queue-mode main); `webhookBase` is where deliveries go (n8n itself, or the
 * webhook processor).
 */
export async function benchStackAround(
	sandbox: Sandbox,
	requests: Map<string, number>,
	n8n: N8nInstance,
	webhookBase: string,
	close: () => Promise<void>,
): Promise<BenchStack> {
	let bird, header;
	try {
		bird = await n8n.client.createCredential({
			name: 'Bird sandbox',
			type: 'birdConversationsApi',
			data: {
				accessKey: DEMO.accessKey.secret,
				workspaceId: DEMO.workspaceId,
				organizationId: DEMO.organizationId,
				baseUrl: sandbox.url,
			},
		});
		header = await n8n.client.createCredential({
			name: 'Bird access key header',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `AccessKey ${DEMO.accessKey.secret}` },
		});
	} catch (error) {
		await close();
		throw error;
	}
	const birdCredential = { id: bird.id, name: bird.name };
	const headerCredential = { id: header.id, name: header.name };

	return {
		sandbox,
		n8n,
		webhookBase,
		birdCredential,
		headerCredential,
		requests,
		async importWorkflow(workflow) {
			const prepared = withCredential(workflow, birdCredential);
			for (const node of prepared.nodes) {
				if (node.type === 'n8n-nodes-base.httpRequest')
					node.credentials = { httpHeaderAuth: headerCredential };
			}
			return (await n8n.client.createWorkflow(prepared)).id;
		},
		async resetSandbox() {
			const response = await fetch(`${sandbox.url}/_sandbox/reset`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"seed":"demo"}',
			});
			if (!response.ok) throw new Error(`sandbox reset answered ${response.status}`);
		},
		close,
	};
}

/** The sandbox's access key record for the demo key (what the domain functions take as the caller). */
export function demoKey(sandbox: Sandbox) {
	const key = sandbox.context.store.data.seed.accessKeys.find((k) => k.id === DEMO.accessKey.id);
	if (!key) throw new Error('the demo seed has no demo access key');
	return key;
}

/** Creates `count` conversations on the demo SMS channel directly in the sandbox's store (not timed). */
export function seedConversations(sandbox: Sandbox, count: number, prefix = 'Bench'): string[] {
	const key = demoKey(sandbox);
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		ids.push(
			sandbox.context.domain.createConversation(DEMO.workspaceId, key, {
				name: `${prefix} ${i + 1}`,
				channelId: DEMO.channels.sms,
			}).id,
		);
	}
	return ids;
}

/** Conversations the list endpoint returns for the demo workspace right now. */
export const listedConversations = (sandbox: Sandbox) =>
	sandbox.context.store.data.conversations.filter(
		(c) => c.workspaceId === DEMO.workspaceId && c.status !== 'deleted',
	).length;

type RunData = Record<
	string,
	Array<{
		startTime?: number;
		executionTime?: number;
		error?: { message?: string };
		data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	}>
>;

/** A node's own time (n8n's `executionTime`, ms) and its output item count in a finished execution. */
export function nodeRun(
	execution: N8nExecution,
	nodeName: string,
): { ms: number; items: number; error?: string } {
	const runData = execution.data?.resultData.runData as RunData | undefined;
	const run = runData?.[nodeName]?.[0];
	if (!run)
		throw new Error(
			`node "${nodeName}" did not run (execution ${execution.id}: ${JSON.stringify(execution.data?.resultData.error ?? {})})`,
		);
	return {
		ms: run.executionTime ?? NaN,
		items: run.data?.main?.[0]?.length ?? 0,
		error: run.error?.message,
	};
}

export const executionWallMs = (execution: N8nExecution) =>
	Date.parse(String(execution.stoppedAt)) - Date.parse(execution.startedAt);

/**
 * n8n's peak resident memory during a window. Linux keeps the process's high-water mark (VmHWM); writing
 * 5 to /proc/<pid>/clear_refs resets it, so the peak belongs to this run only. Sampling every 50 ms is
 * the fallback where that file is not writable.
 */
export class PeakRss {
	private timer?: NodeJS.Timeout;
	private sampled = 0;
	private resetWorked = false;

	constructor(private readonly pid: number) {}

	start(): void {
		try {
			writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
			this.resetWorked = true;
		} catch {
			this.resetWorked = false;
		}
		this.sampled = this.read('VmRSS');
		this.timer = setInterval(() => {
			this.sampled = Math.max(this.sampled, this.read('VmRSS'));
		}, 50);
	}

	/** Peak in bytes. */
	stop(): number {
		if (this.timer) clearInterval(this.timer);
		return Math.max(this.sampled, this.resetWorked ? this.read('VmHWM') : 0);
	}

	private read(field: 'VmRSS' | 'VmHWM'): number {
		try {
			const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
				readFileSync(`/proc/${this.pid}/status`, 'utf8'),
			);
			return match ? Number(match[1]) * 1024 : 0;
		} catch {
			return 0;
		}
	}
}
