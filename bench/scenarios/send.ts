import { RawClient } from '../lib/raw-client';
import { DEMO, executionWallMs, nodeRun, seedConversations, type BenchStack } from '../lib/stack';
import { median } from '../lib/stats';
import { birdSendWorkflow, httpSendWorkflow } from '../lib/workflows';

export interface SendResult {
	items: number;
	conversations: number;
	/** Per contender: the sending node's own time (raw: the loop), and the whole execution, per run (ms). */
	bird: { nodeMs: number[]; wallMs: number[] };
	http: { nodeMs: number[]; wallMs: number[] };
	raw: { ms: number[] };
}

const body = (text: string) => ({
	participantType: 'accessKey',
	participantId: DEMO.accessKey.id,
	addMissingParticipants: true,
	body: { type: 'text', text: { text } },
});

/**
 * Scenario 1: `count` items → Message: Send (text) into existing conversations; the Bird node, the HTTP
 * Request node and a sequential raw client, in a rotating order per run so any drift in the sandbox's
 * state (it keeps every message) falls on each contender alike. Every run checks that all messages arrived.
 */
export async function benchSend(
	stack: BenchStack,
	runs: number,
	count = 1000,
	log = console.log,
): Promise<SendResult> {
	await stack.resetSandbox();
	const conversationIds = seedConversations(stack.sandbox, 100, 'Send target');
	const birdId = await stack.importWorkflow(birdSendWorkflow(conversationIds, count));
	const httpId = await stack.importWorkflow(
		httpSendWorkflow(conversationIds, count, stack.sandbox.url),
	);
	const raw = new RawClient(stack.sandbox.url, {
		authorization: `AccessKey ${DEMO.accessKey.secret}`,
	});
	const result: SendResult = {
		items: count,
		conversations: conversationIds.length,
		bird: { nodeMs: [], wallMs: [] },
		http: { nodeMs: [], wallMs: [] },
		raw: { ms: [] },
	};
	const messages = () => stack.sandbox.context.store.data.messages.length;

	const contenders: Record<string, () => Promise<string>> = {
		bird: async () => {
			const execution = await stack.n8n.client.runWorkflow(birdId, 'Start', 600_000);
			const send = nodeRun(execution, 'Send');
			if (send.error || send.items !== count)
				throw new Error(`Bird node run failed: ${send.error ?? `${send.items} items`}`);
			result.bird.nodeMs.push(send.ms);
			result.bird.wallMs.push(executionWallMs(execution));
			return `node ${send.ms} ms`;
		},
		http: async () => {
			const execution = await stack.n8n.client.runWorkflow(httpId, 'Start', 600_000);
			const send = nodeRun(execution, 'Send');
			if (send.error || send.items !== count)
				throw new Error(`HTTP Request run failed: ${send.error ?? `${send.items} items`}`);
			result.http.nodeMs.push(send.ms);
			result.http.wallMs.push(executionWallMs(execution));
			return `node ${send.ms} ms`;
		},
		raw: async () => {
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
			result.raw.ms.push(ms);
			return `${ms.toFixed(0)} ms`;
		},
	};

	const names = Object.keys(contenders);
	try {
		for (let run = 0; run < runs; run++) {
			for (let i = 0; i < names.length; i++) {
				const name = names[(run + i) % names.length];
				const before = messages();
				const summary = await contenders[name]();
				const stored = messages() - before;
				if (stored !== count)
					throw new Error(`${name}: the sandbox stored ${stored} messages, expected ${count}`);
				log(`  send run ${run + 1} ${name}: ${summary}`);
			}
		}
	} finally {
		raw.close();
	}
	log(
		`  send medians: Bird ${median(result.bird.nodeMs)} ms, HTTP Request ${median(result.http.nodeMs)} ms, raw ${median(result.raw.ms).toFixed(0)} ms`,
	);
	return result;
}
