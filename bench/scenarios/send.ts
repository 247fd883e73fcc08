import { RawClient } from '../lib/raw-client';
import { DEMO, executionWallMs, nodeRun, seedConversations, type BenchStack } from '../lib/stack';
import { median } from '../lib/stats';
import { birdSendWorkflow, floorSendWorkflow, httpSendWorkflow } from '../lib/workflows';

export type SendContender = 'bird' | 'floor' | 'http' | 'raw';
type InN8n = { nodeMs: number[]; wallMs: number[] };

export interface SendResult {
	items: number;
	conversations: number;
	/** Per contender: the sending node's own time (raw: the loop), and the whole execution, per run (ms). */
	bird: InN8n;
	/** The floor node (bench/floor): one httpRequest per item, 10 in flight. Absent in older results. */
	floor?: InN8n;
	http?: InN8n;
	raw?: { ms: number[] };
}

const body = (text: string) => ({
	participantType: 'accessKey',
	participantId: DEMO.accessKey.id,
	addMissingParticipants: true,
	body: { type: 'text', text: { text } },
});

/**
 * Scenario 1: `count` items → Message: Send (text) into existing conversations; the Bird node, the floor
 * node, the HTTP Request node and a sequential raw client (or the `only` ones), in a rotating order per
 * run so any drift in the sandbox's state (it keeps every message) falls on each contender alike. Every
 * run checks that all messages arrived.
 */
export async function benchSend(
	stack: BenchStack,
	runs: number,
	count = 1000,
	log = console.log,
	only: SendContender[] = ['bird', 'floor', 'http', 'raw'],
): Promise<SendResult> {
	await stack.resetSandbox();
	const conversationIds = seedConversations(stack.sandbox, 100, 'Send target');
	const raw = new RawClient(stack.sandbox.url, {
		authorization: `AccessKey ${DEMO.accessKey.secret}`,
	});
	const result: SendResult = {
		items: count,
		conversations: conversationIds.length,
		bird: { nodeMs: [], wallMs: [] },
	};
	const messages = () => stack.sandbox.context.store.data.messages.length;

	/** A contender that is a workflow in n8n: run it, check every item was sent, keep its times. */
	const inN8n = async (label: string, workflowId: string, target: InN8n) => {
		const execution = await stack.n8n.client.runWorkflow(workflowId, 'Start', 600_000);
		const send = nodeRun(execution, 'Send');
		if (send.error || send.items !== count)
			throw new Error(`${label} run failed: ${send.error ?? `${send.items} items`}`);
		target.nodeMs.push(send.ms);
		target.wallMs.push(executionWallMs(execution));
		return `node ${send.ms} ms`;
	};
	const workflows = {
		bird: () => birdSendWorkflow(conversationIds, count),
		floor: () => floorSendWorkflow(conversationIds, count, stack.sandbox.url),
		http: () => httpSendWorkflow(conversationIds, count, stack.sandbox.url),
	};
	const labels = { bird: 'Bird node', floor: 'Floor node', http: 'HTTP Request node' };
	const contenders: Partial<Record<SendContender, () => Promise<string>>> = {};
	for (const name of ['bird', 'floor', 'http'] as const) {
		if (!only.includes(name)) continue;
		const id = await stack.importWorkflow(workflows[name]());
		const target = (result[name] ??= { nodeMs: [], wallMs: [] });
		contenders[name] = () => inN8n(labels[name], id, target);
	}
	if (only.includes('raw')) {
		const target: { ms: number[] } = { ms: [] };
		result.raw = target;
		contenders.raw = async () => {
			const started = performance.now();
			for (let i = 0; i < count; i++) {
				const answer = await raw.request(
					'POST',
					`/workspaces/${DEMO.workspaceId}/conversations/${conversationIds[i % conversationIds.length]}/messages`,
					body(`Benchmark message ${i + 1}`),
				);
				if (answer.status !== 201)
					throw new Error(`raw send answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			}
			const ms = performance.now() - started;
			target.ms.push(ms);
			return `${ms.toFixed(0)} ms`;
		};
	}

	const names = Object.keys(contenders) as SendContender[];
	try {
		for (let run = 0; run < runs; run++) {
			for (let i = 0; i < names.length; i++) {
				const name = names[(run + i) % names.length];
				const before = messages();
				const summary = await contenders[name]!();
				const stored = messages() - before;
				if (stored !== count)
					throw new Error(`${name}: the sandbox stored ${stored} messages, expected ${count}`);
				log(`  send run ${run + 1} ${name}: ${summary}`);
			}
		}
	} finally {
		raw.close();
	}
	const medians = [
		`Bird ${median(result.bird.nodeMs)} ms`,
		result.floor && `floor ${median(result.floor.nodeMs)} ms`,
		result.http && `HTTP Request ${median(result.http.nodeMs)} ms`,
		result.raw && `raw ${median(result.raw.ms).toFixed(0)} ms`,
	];
	log(`  send medians: ${medians.filter(Boolean).join(', ')}`);
	return result;
}
