/**
 * Message → Send and Wait for Response in a real n8n, every step checked twice: in the sandbox (the message
 * Bird would have delivered, with n8n's signed resume links in it) and in n8n's execution data (waiting, then
 * resumed with the answer, or continued at the time limit). Links are opened and forms submitted as a
 * person's browser does; changed links and link-preview robots must leave the execution waiting.
 */
import { executionErrors, nodeOutput, type N8nExecution } from '../../scripts/lib/n8n';
import { DEMO, startE2eStack, type E2eStack } from '../harness/e2e';
import {
	byId,
	executionIn,
	linkWith,
	openLink,
	readable,
	resumeLinks,
	sendAndWaitWorkflow,
	sentByAccessKey,
	submitForm,
	type StoredMessage,
} from '../harness/sendAndWait';

// n8n's wait tracker looks for expired waits once a minute: the Limit Wait Time case needs up to two.
jest.setTimeout(300_000);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('Message → Send and Wait for Response in a real n8n', () => {
	let stack: E2eStack;

	beforeAll(async () => {
		stack = await startE2eStack();
	});
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(60));
	});

	/**
	 * Imports and starts a workflow (Start → Ask → After), waits until n8n holds it as waiting, and returns
	 * the execution with the one message Ask sent into `conversationId`.
	 */
	async function startWaiting(
		name: string,
		parameters: Record<string, unknown>,
		conversationId: string = DEMO.conversations.johnWhatsapp,
	): Promise<{ executionId: string; waiting: N8nExecution; message: StoredMessage }> {
		const before = sentByAccessKey(stack.sandbox, conversationId).length;
		const workflowId = await stack.importWorkflow(
			sendAndWaitWorkflow(name, { conversationId: byId(conversationId), ...parameters }),
		);
		const executionId = await stack.n8n.client.startWorkflow(workflowId, 'Start');
		const waiting = await executionIn(stack.n8n.client, executionId, 'waiting');
		expect(executionErrors(waiting)).toEqual([]);
		expect(waiting.data?.resultData.lastNodeExecuted).toBe('Ask');
		expect(waiting.data?.resultData.runData.After).toBeUndefined();
		const sent = sentByAccessKey(stack.sandbox, conversationId).slice(before);
		expect(sent).toHaveLength(1);
		return { executionId, waiting, message: sent[0] };
	}

	/** Every link must point at this n8n's waiting webhook of this execution and carry a signature. */
	function expectResumeLinks(links: URL[], executionId: string) {
		for (const link of links) {
			expect(link.href.startsWith(`${stack.n8n.url}webhook-waiting/${executionId}/`)).toBe(true);
			expect(link.searchParams.get('signature')).toMatch(/^\S{16,}$/);
		}
	}

	const stillWaiting = async (executionId: string) => {
		// Long enough for a resumed run of Start → Ask → After to have been saved.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const execution = await stack.n8n.client.getExecution(executionId);
		expect(execution.status).toBe('waiting');
		expect(execution.data?.resultData.runData.After).toBeUndefined();
	};

	it('Approval: the approve link in the WhatsApp text resumes the run with approved: true; a link preview does not', async () => {
		const { executionId, message } = await startWaiting('Approve', {
			message: 'Refund of 150 EUR for order 1001?',
		});
		// A chat message: the text, then each link as "Label: URL", then n8n's attribution.
		expect(message.body.type).toBe('text');
		const text = readable(message);
		expect(text.startsWith('Refund of 150 EUR for order 1001?\n\n')).toBe(true);
		const links = resumeLinks(message);
		expect(links).toHaveLength(1);
		expectResumeLinks(links, executionId);
		const approve = linkWith(links, 'true');
		expect(text).toContain(`Approve: ${approve.href}`);
		expect(text.endsWith('\n\nSent automatically with n8n')).toBe(true);

		// WhatsApp fetches every link to draw its preview: that is not the team lead tapping Approve.
		const preview = await fetch(approve, { headers: { 'user-agent': 'WhatsApp/2.24.6.77 A' } });
		expect(preview.status).toBe(200);
		await stillWaiting(executionId);

		const opened = await openLink(approve);
		expect(opened.status).toBe(200);
		expect(opened.body).toContain('Got it');
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(executionErrors(done)).toEqual([]);
		const [output] = nodeOutput(done, 'Ask');
		expect(output).toEqual({
			data: { approved: true, respondedAt: expect.stringMatching(ISO_TIME) },
		});
		expect(nodeOutput(done, 'After')).toEqual([output]);

		// Used once: n8n answers a finished execution's link with its "No action required" page, and the run
		// stays as it was.
		const again = await openLink(approve);
		expect(again.body).toContain('No action required');
		const after = await stack.n8n.client.getExecution(executionId);
		expect(after.data?.resultData.runData.After).toHaveLength(1);
		expect(nodeOutput(after, 'Ask')).toEqual([output]);
		expect(sentByAccessKey(stack.sandbox, DEMO.conversations.johnWhatsapp).at(-1)!.id).toBe(
			message.id,
		);
	});

	it('Approve and Decline in an HTML e-mail: the decline button resumes the run with approved: false', async () => {
		const { executionId, message } = await startWaiting(
			'Decline',
			{
				// Left at their defaults, as the editor may save them: n8n fills them in when it loads the
				// workflow, and must still recognise the node as send-and-wait to check the link's signature.
				resource: undefined,
				operation: undefined,
				messageFormat: 'html',
				subject: 'Refund approval needed',
				message: 'Refund of 150 EUR for order 1002 <Jane>?',
				approvalOptions: {
					values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep it' },
				},
			},
			DEMO.conversations.janeEmail,
		);
		expect(message.body.type).toBe('html');
		const html = message.body.html!;
		expect((message.body.html as { metadata?: { subject?: string } }).metadata?.subject).toBe(
			'Refund approval needed',
		);
		// What the user typed is text in the e-mail, not markup.
		expect(html.html).toContain('order 1002 &lt;Jane&gt;?');
		const links = resumeLinks(message);
		expect(links).toHaveLength(2);
		expectResumeLinks(links, executionId);
		const decline = linkWith(links, 'false');
		const approve = linkWith(links, 'true');
		expect(html.html).toMatch(/<a [^>]*href="[^"]*approved=true[^"]*"[^>]*>Refund<\/a>/);
		expect(html.html).toMatch(/<a [^>]*href="[^"]*approved=false[^"]*"[^>]*>Keep it<\/a>/);
		// The plain-text alternative carries the same links for mail clients without HTML.
		expect(html.text).toContain(`Keep it: ${decline.href}`);
		expect(approve.pathname).toBe(decline.pathname);

		const opened = await openLink(decline);
		expect(opened.status).toBe(200);
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(nodeOutput(done, 'Ask')).toEqual([
			{ data: { approved: false, respondedAt: expect.stringMatching(ISO_TIME) } },
		]);
		expect(nodeOutput(done, 'After')).toHaveLength(1);
	});

	it('Free Text: the Respond link shows a form; submitted as a browser does (multipart), its text arrives', async () => {
		const { executionId, message } = await startWaiting('Free text', {
			message: 'How much of order 1003 should we refund?',
			responseType: 'freeText',
			options: { messageButtonLabel: 'Answer here', appendAttribution: false },
		});
		const links = resumeLinks(message);
		expect(links).toHaveLength(1);
		expectResumeLinks(links, executionId);
		const [respond] = links;
		const text = readable(message);
		expect(text).toBe(`How much of order 1003 should we refund?\n\nAnswer here: ${respond.href}`);

		const page = await openLink(respond);
		expect(page.status).toBe(200);
		expect(page.body).toMatch(/<form[^>]*method="post"/i);
		expect(page.body).toMatch(/<textarea[^>]*name="field-0"/);
		expect(page.body).toContain('How much of order 1003 should we refund?');
		await stillWaiting(executionId); // opening the form is not an answer

		const answer = 'Refund 80 EUR: the box was damaged, the contents were fine.';
		const submitted = await submitForm(respond, { 'field-0': answer });
		expect(submitted.status).toBe(200);
		expect(submitted.body).toContain('Got it');
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(nodeOutput(done, 'Ask')).toEqual([
			{ data: { text: answer, respondedAt: expect.stringMatching(ISO_TIME) } },
		]);
		expect(nodeOutput(done, 'After')).toHaveLength(1);
	});

	it('a changed or foreign link is refused (401) and the execution keeps waiting; the real link still works', async () => {
		const { executionId, message } = await startWaiting('Tampered', {
			approvalOptions: { values: { approvalType: 'double' } },
		});
		const approve = linkWith(resumeLinks(message), 'true');
		const decline = linkWith(resumeLinks(message), 'false');

		const changedSignature = new URL(approve);
		const signature = approve.searchParams.get('signature')!;
		changedSignature.searchParams.set(
			'signature',
			`${signature.slice(0, -1)}${signature.endsWith('a') ? 'b' : 'a'}`,
		);
		// Decline's signature with approved=true: a decliner turning the answer round.
		const flippedAnswer = new URL(decline);
		flippedAnswer.searchParams.set('approved', 'true');
		const unsigned = new URL(approve);
		unsigned.searchParams.delete('signature');
		// Another waiting execution's link, pointed at this execution.
		const other = await startWaiting('Foreign', {});
		const foreign = new URL(linkWith(resumeLinks(other.message), 'true'));
		foreign.pathname = foreign.pathname.replace(other.executionId, executionId);

		for (const link of [changedSignature, flippedAnswer, unsigned, foreign]) {
			const refused = await openLink(link);
			expect({ link: link.search, status: refused.status }).toEqual({
				link: link.search,
				status: 401,
			});
		}
		await stillWaiting(executionId);

		expect((await openLink(approve)).status).toBe(200);
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(nodeOutput(done, 'Ask')).toEqual([
			{ data: { approved: true, respondedAt: expect.stringMatching(ISO_TIME) } },
		]);
		// The other execution was not touched by its link being used elsewhere.
		expect((await stack.n8n.client.getExecution(other.executionId)).status).toBe('waiting');
		expect((await openLink(linkWith(resumeLinks(other.message), 'true'))).status).toBe(200);
		await executionIn(stack.n8n.client, other.executionId, 'success');
	});

	it('Limit Wait Time: without an answer the run continues at the limit (interval and date), passing its input on', async () => {
		const interval = await startWaiting('Limit: interval', {
			options: {
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 0.01, resumeUnit: 'minutes' },
				},
			},
		});
		const date = await startWaiting('Limit: date', {
			responseType: 'freeText',
			options: {
				limitWaitTime: {
					values: {
						limitType: 'atSpecifiedTime',
						maxDateAndTime: new Date(Date.now() + 20_000).toISOString(),
					},
				},
			},
		});
		for (const { executionId, message } of [interval, date]) {
			const done = await executionIn(stack.n8n.client, executionId, 'success', 180_000);
			expect(executionErrors(done)).toEqual([]);
			// As n8n's own send-and-wait nodes: no answer, so the node's input goes on (Start's empty item).
			expect(nodeOutput(done, 'Ask')).toEqual(nodeOutput(done, 'Start'));
			expect(nodeOutput(done, 'After')).toEqual(nodeOutput(done, 'Start'));
			expect(readable(message)).toContain(`/webhook-waiting/${executionId}/`);
		}
		// Nothing was sent again when they resumed: one message per execution.
		const texts = sentByAccessKey(stack.sandbox, DEMO.conversations.johnWhatsapp).map(readable);
		expect(
			texts.filter((t) => t.includes(`/webhook-waiting/${interval.executionId}/`)),
		).toHaveLength(1);
		expect(texts.filter((t) => t.includes(`/webhook-waiting/${date.executionId}/`))).toHaveLength(
			1,
		);
	});

	describe('bad input: an error naming the field, nothing sent, no wait', () => {
		const cases: Array<[string, Record<string, unknown>, RegExp]> = [
			['an empty message', { message: "={{ '' }}" }, /^Ask: Message\b.*empty/],
			['no conversation', { conversationId: byId("={{ '' }}") }, /^Ask: Conversation\b.*empty/],
		];

		it.each(cases)('%s stops the run', async (_, parameters, error) => {
			const before = stack.sandbox.context.store.data.messages.length;
			const workflowId = await stack.importWorkflow(sendAndWaitWorkflow('Bad input', parameters));
			const execution = await stack.n8n.client.runWorkflow(workflowId, 'Start');
			expect(execution.status).toBe('error');
			expect(executionErrors(execution).join('\n')).toMatch(error);
			expect(execution.data?.resultData.runData.After).toBeUndefined();
			expect(stack.sandbox.context.store.data.messages.length).toBe(before);
		});

		it.each(cases)('%s with Continue On Fail gives an error item', async (_, parameters, error) => {
			const before = stack.sandbox.context.store.data.messages.length;
			const workflowId = await stack.importWorkflow(
				sendAndWaitWorkflow('Bad input, continue', parameters, {
					onError: 'continueRegularOutput',
				}),
			);
			const execution = await stack.n8n.client.runWorkflow(workflowId, 'Start');
			expect(execution.status).toBe('success');
			const items = nodeOutput(execution, 'After');
			expect(items).toHaveLength(1);
			expect(`Ask: ${String(items[0].error)}`).toMatch(error);
			expect(stack.sandbox.context.store.data.messages.length).toBe(before);
		});
	});
});
