/**
 * Every workflow in examples/ runs in a real n8n against the Bird sandbox, and its effects are checked
 * in the sandbox's own state (the scenarios are in test/harness/examples.ts, shared with queue mode's
 * test/queue/actions.test.ts; the refund approval's, which waits for a response, in sendAndWaitExample.ts).
 */
import { loadExamples } from '../../scripts/lib/workflows';
import { startE2eStack, type E2eStack } from '../harness/e2e';
import { EXAMPLE_SCENARIOS } from '../harness/examples';
import { REFUND_APPROVAL_TITLE, refundApproval } from '../harness/sendAndWaitExample';

jest.setTimeout(120_000);

describe('example workflows in a real n8n', () => {
	let stack: E2eStack;

	// n8n's start-up alone can take minutes on a loaded machine.
	beforeAll(async () => {
		stack = await startE2eStack();
	}, 300_000);
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(40));
	});

	it('ships at least the three documented examples, each loadable', () => {
		const files = loadExamples().map((e) => e.file);
		expect(files).toEqual(
			expect.arrayContaining([
				'auto-reply.json',
				'escalation.json',
				'export-open-conversations.json',
			]),
		);
		expect(files).toEqual(expect.arrayContaining(EXAMPLE_SCENARIOS.map((s) => s.file)));
		for (const { workflow } of loadExamples()) expect(workflow.nodes.length).toBeGreaterThan(1);
	});

	for (const scenario of EXAMPLE_SCENARIOS)
		it(scenario.title, async () => {
			await scenario.run(stack);
		});

	it(REFUND_APPROVAL_TITLE, async () => {
		await refundApproval(stack);
	});
});
