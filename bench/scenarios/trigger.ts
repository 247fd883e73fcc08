import { randomUUID } from 'node:crypto';

import type { N8nClient, N8nExecution } from '../../scripts/lib/n8n';
import { signDelivery } from '../../sandbox/signature';
import type { Delivery } from '../../sandbox/store';
import { postAll } from '../lib/raw-client';
import { DEMO, type BenchStack } from '../lib/stack';
import { median, percentile } from '../lib/stats';
import { birdTriggerWorkflow, floorTriggerWorkflow, webhookWorkflow } from '../lib/workflows';

/** bird: Resolve Conversation off (the floor's work plus verification); birdResolve: the node's defaults. */
export type TriggerContender = 'bird' | 'birdResolve' | 'floor' | 'webhook';
export type TriggerMode = 'sandbox' | 'generator';
/** Runs per contender; `floor` is absent in results from before the floor contender. */
export type TriggerRuns = {
	bird: TriggerRun[];
	webhook: TriggerRun[];
	floor?: TriggerRun[];
	birdResolve?: TriggerRun[];
};

export interface TriggerRun {
	/** Executions that finished for the run's deliveries, and executions beyond one per delivery. */
	completed: number;
	duplicates: number;
	/** Executions per second from the first delivery to the last finished execution. */
	throughput: number;
	p50: number;
	p99: number;
	/** Deliveries n8n did not answer with a 2xx on the first attempt (sandbox: Bird retried them; generator: lost). */
	refusedFirst?: number;
}

export interface TriggerResult {
	events: number;
	concurrency: number;
	/** Deliveries fired by the sandbox itself as events happen (all at once). */
	sandbox: TriggerRuns;
	/** The same bodies posted by a load generator at a fixed concurrency. */
	generator: TriggerRuns;
	/** One delivery body as Bird sent it (for the verification micro-benchmark). */
	sampleBody: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every execution of a workflow (public API, cursor paging), optionally with data. */
async function executionsOf(
	client: N8nClient,
	workflowId: string,
	includeData: boolean,
): Promise<N8nExecution[]> {
	const all: N8nExecution[] = [];
	let cursor: string | undefined;
	do {
		const page = await client.api<{ data: N8nExecution[]; nextCursor?: string | null }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=${String(includeData)}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

/** Waits until `count` new executions have stopped (or nothing new stops for 60 s); returns them with data. */
async function newExecutions(
	client: N8nClient,
	workflowId: string,
	known: Set<string>,
	count: number,
): Promise<N8nExecution[]> {
	let seen = -1;
	let lastChange = Date.now();
	for (;;) {
		const fresh = (await executionsOf(client, workflowId, false)).filter((e) => !known.has(e.id));
		const stopped = fresh.filter(
			(e) => e.stoppedAt && !['running', 'new', 'waiting'].includes(e.status),
		).length;
		if (stopped !== seen) {
			seen = stopped;
			lastChange = Date.now();
		}
		if (stopped >= count && stopped === fresh.length) break;
		if (Date.now() - lastChange > 60_000) break;
		await sleep(1000);
	}
	return (await executionsOf(client, workflowId, true)).filter((e) => !known.has(e.id));
}

/** The delivery (request) ID an execution handled: the Bird trigger's `deliveryId`, the Webhook node's header. */
function requestIdOf(execution: N8nExecution): string | undefined {
	const json = execution.data?.resultData.runData.Receive?.[0]?.data?.main?.[0]?.[0]?.json as
		Record<string, any> | undefined;
	return json?.deliveryId ?? json?.headers?.['messagebird-request-id'];
}

function measure(executions: N8nExecution[], started: Map<string, number>): TriggerRun {
	const latencies: number[] = [];
	const handled = new Map<string, number>();
	let lastStop = 0;
	for (const execution of executions) {
		const id = requestIdOf(execution);
		if (!id || !started.has(id)) continue;
		handled.set(id, (handled.get(id) ?? 0) + 1);
		const stopped = Date.parse(String(execution.stoppedAt));
		lastStop = Math.max(lastStop, stopped);
		if (handled.get(id) === 1) latencies.push(stopped - started.get(id)!);
	}
	const firstStart = Math.min(...started.values());
	const completed = handled.size;
	return {
		completed,
		duplicates: [...handled.values()].reduce((sum, n) => sum + n - 1, 0),
		throughput: completed / ((lastStop - firstStart) / 1000),
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
	};
}

export interface TriggerOptions {
	/** Load generator requests in flight; default 10. */
	concurrency?: number;
	log?: (line: string) => void;
	/** Contenders to measure; default all four. */
	only?: TriggerContender[];
	/** Delivery modes; default both. The generator replays the first sandbox run's bodies, so it needs that mode. */
	modes?: TriggerMode[];
}

/**
 * Scenario 3: `events` incoming WhatsApp messages, received by the Bird Conversations Trigger, by the
 * floor trigger (bench/floor, no signature check) and by a Webhook node, the last two subscribed by hand;
 * first delivered by the sandbox as they happen, then the same bodies posted by a load generator at a
 * fixed concurrency. Latency runs from the delivery's start to the end of its execution, matched by
 * Bird's request ID. Deliveries go to `stack.webhookBase` (n8n, or the queue-mode webhook processor).
 */
export async function benchTrigger(
	stack: BenchStack,
	runs: number,
	events = 1000,
	options: TriggerOptions = {},
): Promise<TriggerResult> {
	const { sandbox, n8n } = stack;
	const concurrency = options.concurrency ?? 10;
	const log = options.log ?? console.log;
	const only = options.only ?? ['bird', 'birdResolve', 'floor', 'webhook'];
	const modes = options.modes ?? ['sandbox', 'generator'];
	await stack.resetSandbox();
	const result: TriggerResult = {
		events,
		concurrency,
		sandbox: { bird: [], webhook: [] },
		generator: { bird: [], webhook: [] },
		sampleBody: '',
	};
	const bodies: string[] = [];

	const birdHook = randomUUID();
	const birdId = await stack.importWorkflow(birdTriggerWorkflow(birdHook, false));
	const resolveHook = randomUUID();
	const resolveId = await stack.importWorkflow(birdTriggerWorkflow(resolveHook, true));
	const path = randomUUID();
	const webhookId = await stack.importWorkflow(webhookWorkflow(path));
	const floorHook = randomUUID();
	const floorId = await stack.importWorkflow(floorTriggerWorkflow(floorHook));
	const subscriptionsPath = `${sandbox.url}/organizations/${DEMO.organizationId}/workspaces/${DEMO.workspaceId}/webhook-subscriptions`;
	const auth = {
		authorization: `AccessKey ${DEMO.accessKey.secret}`,
		'content-type': 'application/json',
	};

	/** A subscription made by hand, as a do-it-yourself user would, for a workflow that checks nothing. */
	const subscribedByHand = (workflowId: string, url: string) => ({
		workflowId,
		subscriptionId: '',
		async on() {
			await n8n.client.activateWorkflow(workflowId);
			const signingKey = randomUUID();
			const response = await fetch(subscriptionsPath, {
				method: 'POST',
				headers: auth,
				body: JSON.stringify({
					service: 'channels',
					event: 'whatsapp.inbound',
					url,
					signingKey,
					eventFilters: [{ key: 'channelId', value: DEMO.channels.whatsapp }],
				}),
			});
			if (response.status !== 201)
				throw new Error(`subscribing ${url} answered ${response.status}: ${await response.text()}`);
			this.subscriptionId = ((await response.json()) as { id: string }).id;
			return { url, signingKey };
		},
		async off() {
			await fetch(`${subscriptionsPath}/${this.subscriptionId}`, {
				method: 'DELETE',
				headers: auth,
			});
			await n8n.client.deactivateWorkflow(workflowId);
		},
	});

	/** Turns one contender on: the Bird trigger subscribes itself; the others get a hand-made subscription. */
	/** The Bird trigger subscribes itself on activation (and unsubscribes on deactivation). */
	const selfSubscribing = (workflowId: string, hook: string) => ({
		workflowId,
		async on() {
			await n8n.client.activateWorkflow(workflowId);
			const subscription = sandbox.context.store.data.subscriptions.find(
				(s) => s.status === 'active' && s.url.includes(`/webhook/${hook}/`),
			);
			if (!subscription) throw new Error('the Bird trigger made no subscription');
			return { url: subscription.url, signingKey: subscription.signingKey ?? '' };
		},
		async off() {
			await n8n.client.deactivateWorkflow(workflowId);
		},
	});

	const contenders = {
		bird: selfSubscribing(birdId, birdHook),
		birdResolve: selfSubscribing(resolveId, resolveHook),
		webhook: subscribedByHand(webhookId, `${stack.webhookBase}webhook/${path}`),
		// A trigger node's production URL is <webhookId>/<the webhook's path>, as for the Bird trigger.
		floor: subscribedByHand(floorId, `${stack.webhookBase}webhook/${floorHook}/webhook`),
	};

	const fromSandbox = async (name: TriggerContender, run: number): Promise<TriggerRun> => {
		const contender = contenders[name];
		const known = new Set(
			(await executionsOf(n8n.client, contender.workflowId, false)).map((e) => e.id),
		);
		await contender.on();
		const deliveries = sandbox.context.store.data.deliveries;
		const firstIndex = deliveries.length;
		// Wall-clock time each event fired (its delivery starts right then). Not the delivery's createdAt: the
		// sandbox keeps its timestamps strictly increasing, so after a bulk seed they run ahead of the clock.
		const firedAt: number[] = [];
		for (let i = 0; i < events; i++) {
			firedAt.push(Date.now());
			sandbox.context.domain.receiveInbound(
				DEMO.workspaceId,
				DEMO.channels.whatsapp,
				{
					identifierKey: 'phonenumber',
					identifierValue: `+3161000${String(i % 50).padStart(4, '0')}`,
				},
				{ type: 'text', text: { text: `Benchmark ${name} ${run + 1} message ${i + 1}` } },
			);
		}
		const fired: Delivery[] = deliveries.slice(firstIndex);
		if (fired.length !== events) throw new Error(`${fired.length} deliveries for ${events} events`);
		// Until each delivery is settled as Bird would see it: acknowledged with a 2xx, or out of retries (the
		// sandbox retries a refused delivery after 30 and 60 s), so an event n8n refused at first and took on
		// a retry is counted, late, and only one refused on every attempt is lost.
		const deadline = Date.now() + 600_000;
		while (fired.some((d) => d.executionStatus === 'pending') && Date.now() < deadline)
			await sleep(500);
		const executions = await newExecutions(n8n.client, contender.workflowId, known, events);
		await contender.off();
		if (bodies.length === 0) bodies.push(...fired.map((d) => d.body));
		const refused = fired.filter((d) => d.executionStatus !== 'succeeded').length;
		if (refused) log(`  ${refused} deliveries were not acknowledged with 2xx on any attempt`);
		const ok = (code: number | null | undefined) =>
			code !== null && code !== undefined && code >= 200 && code < 300;
		return {
			...measure(executions, new Map(fired.map((d, i) => [d.requestId, firedAt[i]]))),
			refusedFirst: fired.filter((d) => !ok(d.attempts[0]?.httpStatusCode)).length,
		};
	};

	const fromGenerator = async (name: TriggerContender): Promise<TriggerRun> => {
		const contender = contenders[name];
		const known = new Set(
			(await executionsOf(n8n.client, contender.workflowId, false)).map((e) => e.id),
		);
		const { url, signingKey } = await contender.on();
		const timestamp = String(Math.floor(Date.now() / 1000));
		const requests = bodies.map((body) => {
			const requestId = randomUUID();
			return {
				body,
				headers: {
					'content-type': 'application/json',
					'messagebird-request-timestamp': timestamp,
					'messagebird-request-id': requestId,
					'messagebird-signature': signDelivery(signingKey, timestamp, url, body),
				},
			};
		});
		const started = new Map<string, number>();
		const statuses = await postAll(url, requests, concurrency, (index) =>
			started.set(requests[index].headers['messagebird-request-id'], Date.now()),
		);
		const refused = statuses.filter((s) => s < 200 || s >= 300).length;
		if (refused) log(`  ${refused} posts were answered with a non-2xx status`);
		const executions = await newExecutions(n8n.client, contender.workflowId, known, events);
		await contender.off();
		return { ...measure(executions, started), refusedFirst: refused };
	};

	if (modes.includes('generator') && !modes.includes('sandbox'))
		throw new Error(
			"the load generator replays the sandbox run's bodies: measure the sandbox mode too",
		);
	const rotate = async (mode: TriggerMode) => {
		for (let run = 0; run < runs; run++) {
			for (let i = 0; i < only.length; i++) {
				const name = only[(run + i) % only.length];
				const measured =
					mode === 'sandbox' ? await fromSandbox(name, run) : await fromGenerator(name);
				(result[mode][name] ??= []).push(measured);
				log(
					`  trigger (${mode === 'sandbox' ? 'sandbox' : `generator, ${concurrency} at a time`}) run ${run + 1} ${name}: ${measured.completed} executions, ${measured.refusedFirst ?? 0} refused at first, ${measured.duplicates} duplicates, ${measured.throughput.toFixed(1)}/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms`,
				);
			}
		}
	};
	for (const mode of ['sandbox', 'generator'] as const)
		if (modes.includes(mode)) await rotate(mode);
	result.sampleBody = bodies[0] ?? '';
	const med = (list: TriggerRun[] = [], key: 'throughput') => median(list.map((r) => r[key]));
	log(
		`  trigger medians (sandbox): ${only.map((name) => `${name} ${med(result.sandbox[name], 'throughput').toFixed(1)}/s`).join(', ')}`,
	);
	return result;
}
