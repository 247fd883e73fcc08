/**
 * examples/send-and-wait-approval.json in a real n8n: the refund form posted as a browser posts it; a small
 * refund is paid at once, a large one waits for the team lead, whose approve or decline link (in the message
 * the sandbox stored) decides the branch. Run by test/e2e/examples.test.ts. Not in the scenarios queue mode
 * shares (test/harness/examples.ts): there a resumed run is a second job, which may land on another worker,
 * and that has not been checked.
 */
import { executionErrors, nodeOutput } from '../../scripts/lib/n8n';
import { loadExample } from '../../scripts/lib/workflows';
import { DEMO, eventually } from './e2e';
import type { ExampleStack } from './examples';
import {
	executionIn,
	linkWith,
	openLink,
	readable,
	resumeLinks,
	sentByAccessKey,
	submitForm,
} from './sendAndWait';

export const REFUND_APPROVAL_TITLE =
	'send-and-wait approval: under 100 EUR pays at once; over it waits for the team lead, whose answer decides';

export async function refundApproval(stack: ExampleStack): Promise<void> {
	const example = loadExample('send-and-wait-approval.json');
	const id = await stack.importWorkflow(example, {
		accessKeyId: DEMO.accessKey.id,
		teamLeadConversationId: DEMO.conversations.johnWhatsapp,
	});
	await stack.n8n.client.activateWorkflow(id);
	const form = example.nodes.find((n) => n.name === 'Refund Request')!;
	const teamLead = () => sentByAccessKey(stack.sandbox, DEMO.conversations.johnWhatsapp);
	const seen = new Set<string>();
	/** Fills in the refund form as a browser posts it; answers the execution it started. */
	const requestRefund = async (order: string, amount: number) => {
		const posted = await submitForm(`${stack.webhookBase}form/${form.webhookId}`, {
			'field-0': order,
			'field-1': String(amount),
			'field-2': 'Sam Smith',
			'field-3': 'Parcel arrived damaged',
		});
		expect(posted.status).toBe(200);
		const started = await eventually(`the execution for ${order}`, async () =>
			(await stack.n8n.client.listExecutions(id)).find((e) => !seen.has(e.id)),
		);
		seen.add(started.id);
		return started.id;
	};

	const before = teamLead().length;
	const small = await executionIn(stack.n8n.client, await requestRefund('A-1', 40), 'success');
	expect(nodeOutput(small, 'Pay Refund')).toEqual([
		{ order: 'A-1', amount: 40, decidedBy: 'under the threshold' },
	]);
	expect(teamLead()).toHaveLength(before);

	for (const [order, answer] of [
		['A-2', 'true'],
		['A-3', 'false'],
	] as const) {
		const executionId = await requestRefund(order, 150);
		await executionIn(stack.n8n.client, executionId, 'waiting');
		const asked = teamLead().at(-1)!;
		expect(readable(asked)).toMatch(
			new RegExp(
				`^Refund request: 150 EUR for order ${order} \\(Sam Smith\\)\\.\nReason: Parcel arrived damaged\n`,
			),
		);
		expect(readable(asked)).toMatch(/Approve refund: http\S+\nDecline: http\S+/);
		expect((await openLink(linkWith(resumeLinks(asked), answer))).status).toBe(200);
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(executionErrors(done)).toEqual([]);
		if (answer === 'true') {
			expect(nodeOutput(done, 'Pay Refund')).toEqual([
				{ order, amount: 150, decidedBy: 'team lead' },
			]);
			expect(nodeOutput(done, 'Refund Declined')).toEqual([]);
		} else {
			expect(nodeOutput(done, 'Refund Declined')).toEqual([
				{ order, amount: 150, why: 'declined by the team lead' },
			]);
			expect(nodeOutput(done, 'Pay Refund')).toEqual([]);
		}
	}
	expect(teamLead()).toHaveLength(before + 2);
	await stack.n8n.client.deactivateWorkflow(id);
}
