import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import {
	guardNock,
	locator,
	mockBird,
	WAIT_NODE_NAME,
	WaitingExecution,
	WORKSPACE_PATH,
} from '../../harness';

/**
 * Bad input to Send and Wait for Response is refused before any request (nock allows none here), naming the
 * field; with Continue On Fail the error becomes the output item and the execution does not wait.
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
// Empty values arrive through an expression: n8n refuses a literally empty required parameter itself.
const fromItem = '={{ $json.value }}';

const valid: INodeParameters = {
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	message: 'Approve?',
};

guardNock();

describe('Send and Wait for Response: bad input', () => {
	it.each([
		['no conversation', { conversationId: locator(fromItem) }, '', /^Conversation: is empty/],
		[
			'a malformed conversation',
			{ conversationId: locator(fromItem) },
			'abc',
			/^Conversation: "abc" is not a valid ID/,
		],
		['an empty message', { message: fromItem }, '   ', /^Message: is empty/],
		['an empty sender', { senderId: fromItem }, '', /^Sender ID: is empty/],
		[
			'an unusable Limit Wait Time',
			{
				options: {
					limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: fromItem } },
				},
			},
			'next tuesday',
			/^Limit Wait Time: Max Date and Time "next tuesday" is not a date and time/,
		],
		[
			'a custom form with an unsupported field type',
			{ responseType: 'customForm', defineForm: 'json', jsonOutput: fromItem },
			'[{"fieldLabel":"Invoice","fieldType":"file"}]',
			/^Form Elements: Field 1 \("Invoice"\) has the type "file"/,
		],
		[
			'a custom form that is not JSON',
			{ responseType: 'customForm', defineForm: 'json', jsonOutput: fromItem },
			'[{"fieldLabel":',
			/^Form Elements: Value is not valid JSON/,
		],
	])('%s', async (_label, parameters, value, message) => {
		const execution = new WaitingExecution({ ...valid, ...parameters }, { items: [{ value }] });
		const nodes = await execution.start();
		const error = nodes[WAIT_NODE_NAME].error;
		expect(error?.message).toMatch(message);
		expect(String(error?.description)).toMatch(/^[A-Z].{15,}/);
		expect(execution.waitTill).toBeUndefined();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('under Continue On Fail outputs the error as an item and does not wait', async () => {
		const execution = new WaitingExecution(
			{ ...valid, message: fromItem },
			{ items: [{ value: '' }], continueOnFail: true },
		);
		const nodes = await execution.start();
		expect(nodes[WAIT_NODE_NAME].json).toEqual([
			{ error: expect.stringMatching(/^Message: is empty/) },
		]);
		expect(nodes[WAIT_NODE_NAME].itemErrors).toHaveLength(1);
		expect(execution.waitTill).toBeUndefined();
		expect(execution.run?.status).not.toBe('waiting');
	});

	it("does not wait when Bird refuses the message, and reports Bird's error", async () => {
		mockBird()
			.post(`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`)
			.reply(409, { code: 'Conflict', message: 'conversation is closed' });
		const execution = new WaitingExecution(valid);
		const nodes = await execution.start();
		expect(nodes[WAIT_NODE_NAME].error).toMatchObject({ name: 'NodeApiError', httpCode: '409' });
		expect(execution.waitTill).toBeUndefined();
	});
});
