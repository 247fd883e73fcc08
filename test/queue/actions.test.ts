/**
 * The action side of the package in n8n's queue mode (main + 2 workers + webhook processor, Postgres,
 * Redis): the example workflows and every operation of each resource run exactly as in the
 * single-process suites (the same scenarios and checks, test/harness/examples.ts and operations.ts), and
 * each of their executions ran on a worker, as that worker's own log says (`ranOn`). The credential test
 * works through the main. Message → Send of many items on a worker under injected 429 and 503 answers
 * sends every item exactly once, or ends it in a clear error: none lost, none doubled.
 */
import { birdSendWorkflow } from '../../bench/lib/workflows';
import { executionErrors, nodeOutput, type N8nExecution } from '../../scripts/lib/n8n';
import type { WorkflowJson } from '../../scripts/lib/workflows';
import type { FaultSettings } from '../../sandbox/faults';
import { testCredentialWith, WRONG_SECRET } from '../harness/credential-test';
import { EXAMPLE_SCENARIOS } from '../harness/examples';
import { OPERATION_SCENARIOS, runChain } from '../harness/operations';
import { DEMO, type QueueE2eStack, startQueueE2eStack } from '../harness/queue';

jest.setTimeout(180_000);

describe('actions, examples and the credential test in queue mode', () => {
	let q: QueueE2eStack;

	beforeAll(async () => {
		q = await startQueueE2eStack({ queue: { workers: 2 } });
	}, 420_000);
	afterAll(async () => {
		await q?.close();
	}, 120_000);
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts)
			for (const worker of q.stack.workers) console.log(worker.logTail(30));
	});

	/** Each execution ran on exactly one worker (the main and the webhook processor run none). */
	const expectRanOnAWorker = (executions: N8nExecution[]) => {
		expect(executions.length).toBeGreaterThan(0);
		for (const execution of executions)
			expect({ id: execution.id, ranOn: q.stack.ranOn(execution.id) }).toEqual({
				id: execution.id,
				ranOn: [expect.stringMatching(/^worker-[12]$/)],
			});
	};

	for (const scenario of EXAMPLE_SCENARIOS)
		it(`example ${scenario.title}; on a worker`, async () => {
			expectRanOnAWorker(await scenario.run(q));
		});

	for (const { title, workflow, check } of OPERATION_SCENARIOS)
		it(`${title}; on a worker`, async () => {
			const execution = await runChain(q, workflow);
			check(execution, q.sandbox.context.store.data);
			expectRanOnAWorker([execution]);
		});

	it('the credential test passes for the demo key and names the Access Key for a wrong one', async () => {
		expect(await testCredentialWith(q, 'good (queue)', {})).toMatchObject({ status: 'OK' });
		const bad = await testCredentialWith(q, 'bad key (queue)', { accessKey: WRONG_SECRET });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/rejected the Access Key \(401\)/);
	});

	describe('Message → Send of many items under injected faults, on a worker', () => {
		const fault = async (settings: Partial<FaultSettings>) => {
			const response = await fetch(`${q.sandbox.url}/_sandbox/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(settings),
			});
			expect(response.status).toBe(200);
		};
		afterEach(() => fault({ failNext: { count: 0, status: 500 } }));

		/** A new SMS conversation of the demo key, so its messages are this run's only. */
		const newConversation = async (name: string): Promise<string> => {
			const response = await fetch(
				`${q.sandbox.url}/workspaces/${DEMO.workspaceId}/conversations`,
				{
					method: 'POST',
					headers: {
						authorization: `AccessKey ${DEMO.accessKey.secret}`,
						'content-type': 'application/json',
					},
					body: JSON.stringify({
						name,
						channelId: DEMO.channels.sms,
						participants: [
							{ type: 'contact', identifierKey: 'phonenumber', identifierValue: '+31600000071' },
						],
					}),
				},
			);
			expect(response.status).toBe(201);
			return ((await response.json()) as { id: string }).id;
		};

		/**
		 * Sends `count` items (`Benchmark message 1..count`, bench/lib/workflows.ts) into a new conversation
		 * with `failNext` injected just before the run; answers the execution, the texts Bird stored in that
		 * conversation, and the text each item was meant to send.
		 */
		const sendUnderFaults = async (
			name: string,
			count: number,
			failNext: NonNullable<FaultSettings['failNext']>,
			options: { maxRetries?: number; continueOnFail?: boolean; concurrency?: number } = {},
		) => {
			const conversationId = await newConversation(name);
			const workflow: WorkflowJson = birdSendWorkflow([conversationId], count);
			const send = workflow.nodes.find((n) => n.name === 'Send')!;
			send.parameters.options = {
				concurrency: options.concurrency ?? 10,
				...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
			};
			if (options.continueOnFail) send.onError = 'continueRegularOutput';
			workflow.name = name;
			const id = await q.importWorkflow(workflow);
			await fault({ failNext });
			const execution = await q.n8n.client.runWorkflow(id, 'Start', 150_000);
			// Every injected failure was answered to a request of this run.
			expect(q.sandbox.context.faults.settings.failNext?.count).toBe(0);
			expectRanOnAWorker([execution]);
			const stored = q.sandbox.context.store.data.messages
				.filter((m) => m.conversationId === conversationId)
				.map((m) => ({ id: m.id, text: (m.body as { text?: { text?: string } }).text?.text }));
			const meant = Array.from({ length: count }, (_, i) => `Benchmark message ${i + 1}`);
			return { execution, stored, meant };
		};

		/** No text stored twice, and each stored message is one of the items. */
		const expectNoneDoubled = (stored: Array<{ text?: string }>, meant: string[]) => {
			const texts = stored.map((m) => m.text ?? '');
			expect(new Set(texts).size).toBe(texts.length);
			expect(meant).toEqual(expect.arrayContaining(texts));
		};

		it.each([
			['429s (Retry-After: 1)', { count: 15, status: 429 }],
			['503s without Retry-After (own backoff)', { count: 15, status: 503, retryAfter: null }],
		])(
			'100 items through %s: every item sent exactly once, output paired in item order',
			async (label, failNext) => {
				const { execution, stored, meant } = await sendUnderFaults(
					`send under ${label}`,
					100,
					failNext,
				);
				expect(executionErrors(execution)).toEqual([]);
				expect(execution.status).toBe('success');
				expectNoneDoubled(stored, meant);
				expect(stored.map((m) => m.text).sort()).toEqual([...meant].sort());
				const textById = new Map(stored.map((m) => [m.id, m.text]));
				expect(nodeOutput(execution, 'Send').map((json) => textById.get(String(json.id)))).toEqual(
					meant,
				);
			},
		);

		it('Continue On Fail, no retries: each 503 ends its own item in a clear error, every other item is sent once', async () => {
			const { execution, stored, meant } = await sendUnderFaults(
				'send with Continue On Fail',
				40,
				{ count: 12, status: 503 },
				{ maxRetries: 0, continueOnFail: true },
			);
			expect(execution.status).toBe('success');
			const output = nodeOutput(execution, 'Send');
			expect(output).toHaveLength(40);
			const failed = output.flatMap((json, i) => (json.error ? [i] : []));
			// One failed item per injected 503: no retries, so none is absorbed and none is repeated.
			expect(failed).toHaveLength(12);
			for (const i of failed) expect(output[i].error).toBe('Bird had a server error (503)');
			expectNoneDoubled(stored, meant);
			expect(stored.map((m) => m.text).sort()).toEqual(
				meant.filter((_, i) => !failed.includes(i)).sort(),
			);
			const textById = new Map(stored.map((m) => [m.id, m.text]));
			output.forEach((json, i) => {
				if (!failed.includes(i)) expect(textById.get(String(json.id))).toBe(meant[i]);
			});
		});

		it('without Continue On Fail: a 503 beyond Max Retries stops the run with a clear error, nothing sent', async () => {
			// One at a time, so the same (first) item meets both 503s: its try and its one retry.
			const { execution, stored } = await sendUnderFaults(
				'send stopped by a 503',
				30,
				{ count: 2, status: 503 },
				{ maxRetries: 1, concurrency: 1 },
			);
			expect(execution.status).toBe('error');
			expect(executionErrors(execution)).toEqual(
				expect.arrayContaining(['Send: Bird had a server error (503)']),
			);
			// The failed item never reached Bird and no later item was started.
			expect(stored).toEqual([]);
		});
	});
});
