import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	birdFixture,
	captureBody,
	guardNock,
	locator,
	mockBird,
	signatureValid,
	WAIT_NODE_NAME,
	WaitingExecution,
	WORKSPACE_PATH,
} from '../../harness';

/**
 * Free Text and Custom Form, through n8n-core's engine and a mocked Bird: the message's one signed link, the form
 * page it opens, a submission as a browser sends it (multipart: n8n's parser leaves `{ data: fields }`; or
 * URL-encoded: the fields), a refused submission that keeps the execution waiting, and the resumed output.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;

const base = (extra: INodeParameters): INodeParameters => ({
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	message: 'Why was order 1042 returned?',
	...extra,
});

async function started(parameters: INodeParameters, items?: IDataObject[]) {
	const capture = captureBody();
	mockBird().post(MESSAGES_PATH, capture.match).reply(202, birdFixture('message.create'));
	const execution = new WaitingExecution(parameters, { items });
	const nodes = await execution.start();
	expect(nodes[WAIT_NODE_NAME].error).toBeUndefined();
	const body = capture.body as { body: { text: { text: string } } };
	const lines = [...body.body.text.text.matchAll(/^([^:\n]+): (http\S+)$/gm)];
	expect(lines).toHaveLength(1);
	return { execution, label: lines[0][1], link: lines[0][2] };
}

guardNock();

describe('Send and Wait for Response: Free Text', () => {
	it('links to a form with one required text field and resumes with the text', async () => {
		const { execution, label, link } = await started(
			base({
				responseType: 'freeText',
				options: { messageButtonLabel: 'Answer here', responseFormTitle: 'Order <1042>' },
			}),
		);
		expect(label).toBe('Answer here');
		expect(signatureValid(link)).toBe(true);
		expect(new URL(link).searchParams.has('approved')).toBe(false);

		const form = await execution.open({ method: 'GET', url: link });
		expect(form.items).toBeUndefined();
		expect(form.page.status).toBe(200);
		expect(form.page.body).toContain('<form method="post" enctype="multipart/form-data">');
		expect(form.page.body).toMatch(/<textarea name="field-0" id="bird-field-0" required>/);
		// The title is escaped; the description defaults to the message.
		expect(form.page.body).toContain('<h1>Order &lt;1042&gt;</h1>');
		expect(form.page.body).toContain('Why was order 1042 returned?');

		const refused = await execution.open({ method: 'POST', url: link, body: { data: {} } });
		expect(refused.items).toBeUndefined();
		expect(refused.page.status).toBe(400);
		expect(refused.page.body).toContain('Response is required.');

		const answered = await execution.open({
			method: 'POST',
			url: link,
			body: { data: { 'field-0': 'Wrong size' } },
		});
		expect(answered.page.body).toContain('Got it, thanks');
		const nodes = await execution.resume(answered.items);
		expect(nodes[WAIT_NODE_NAME].json).toEqual([
			{ data: { text: 'Wrong size', respondedAt: expect.any(String) } },
		]);
	});

	it("resolves expressions on the form page against the waiting node's input, as in the message", async () => {
		const { execution, link } = await started(
			base({
				responseType: 'freeText',
				message: '={{ "Why was order " + $json.order + " returned?" }}',
				options: { responseFormTitle: '={{ "Order " + $json.order }}' },
			}),
			[{ order: 2077 }],
		);
		const form = await execution.open({ method: 'GET', url: link });
		expect(form.page.body).toContain('<h1>Order 2077</h1>');
		expect(form.page.body).toContain('Why was order 2077 returned?');
	});
});

describe('Send and Wait for Response: Custom Form', () => {
	const fields = [
		{ fieldLabel: 'Refund amount', fieldType: 'number', requiredField: true },
		{
			fieldLabel: 'Reason',
			fieldType: 'dropdown',
			fieldOptions: { values: [{ option: 'Damaged' }, { option: 'Wrong size' }] },
		},
		{
			fieldLabel: 'Notify',
			fieldType: 'checkbox',
			fieldOptions: { values: [{ option: 'Customer' }, { option: 'Warehouse' }] },
		},
		{ fieldLabel: 'Note', fieldType: 'textarea' },
		{ fieldType: 'hiddenField', fieldName: 'source', fieldValue: 'bird' },
	];

	it('renders the fields and resumes with the answers by label, typed', async () => {
		const { execution, label, link } = await started(
			base({ responseType: 'customForm', formFields: { values: fields } }),
		);
		expect(label).toBe('Respond');
		const form = await execution.open({ method: 'GET', url: link });
		expect(form.page.body).toContain('<input type="number" name="field-0"');
		expect(form.page.body).toContain('<option value="Wrong size">Wrong size</option>');
		expect(form.page.body).toContain('<input type="checkbox" name="field-2" value="Warehouse">');
		expect(form.page.body).toContain('<input type="hidden" name="field-4" value="bird">');

		const answered = await execution.open({
			method: 'POST',
			url: link,
			body: {
				data: {
					'field-0': '12.50',
					'field-1': 'Damaged',
					'field-2': ['Customer', 'Warehouse'],
					'field-3': '',
					'field-4': 'bird',
				},
			},
		});
		const nodes = await execution.resume(answered.items);
		expect(nodes[WAIT_NODE_NAME].json).toEqual([
			{
				data: {
					'Refund amount': 12.5,
					Reason: 'Damaged',
					Notify: ['Customer', 'Warehouse'],
					Note: '',
					source: 'bird',
					respondedAt: expect.any(String),
				},
			},
		]);
	});

	it('takes the fields as JSON and a URL-encoded submission, and refuses an option not offered', async () => {
		const { execution, link } = await started(
			base({ responseType: 'customForm', defineForm: 'json', jsonOutput: JSON.stringify(fields) }),
		);
		const wrong = await execution.open({
			method: 'POST',
			url: link,
			body: { 'field-0': '5', 'field-1': 'Lost' },
		});
		expect(wrong.items).toBeUndefined();
		expect(wrong.page.body).toContain('Reason: choose one of the listed options.');
		const notANumber = await execution.open({
			method: 'POST',
			url: link,
			body: { 'field-0': 'five' },
		});
		expect(notANumber.page.body).toContain('Refund amount must be a number.');
		const answered = await execution.open({ method: 'POST', url: link, body: { 'field-0': '5' } });
		expect((answered.items?.[0].json.data as IDataObject)['Refund amount']).toBe(5);
	});
});
