/**
 * Every operation of the Bird Conversations node, run by a real n8n (REST API, manual mode: what the
 * editor's "Execute workflow" does) against the sandbox: one workflow per resource, with the outcome
 * checked in the sandbox's state as well as in n8n's execution data (test/harness/operations.ts, shared
 * with queue mode's test/queue/actions.test.ts).
 */
import { startE2eStack, type E2eStack } from '../harness/e2e';
import { OPERATION_SCENARIOS, runChain } from '../harness/operations';

jest.setTimeout(120_000);

describe('every Bird Conversations operation in a real n8n', () => {
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

	for (const { title, workflow, check } of OPERATION_SCENARIOS)
		it(title, async () => {
			check(await runChain(stack, workflow), stack.sandbox.context.store.data);
		});
});
