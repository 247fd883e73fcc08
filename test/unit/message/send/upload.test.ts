import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	guardNock,
	locator,
	runBirdNode,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../../harness';

/**
 * Message → Send with media from an n8n binary property: Bird's pre-signed upload flow (docs/bird-api.md §3.6)
 * through n8n's engine. 1) POST …/presigned-upload {contentType} with the access key, 2) multipart POST of
 * every uploadFormData field and then `file` to uploadUrl without the access key, 3) the message
 * references the returned mediaUrl.
 */

const CONVERSATION_ID = '02ec2ac2-ebec-42d3-a5f4-e6f3a9edf418';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const CONVERSATION_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`;
const MEDIA_URL = `https://media.api.bird.com${CONVERSATION_PATH}/media/e867a2ac-2df5-40be-a5d4-e452d7156048`;
const S3 = 'https://channels--message-media--151603429280--euw1.s3.eu-west-1.amazonaws.com';

/** Bird's documented step-1 answer (docs/bird-api.md §3.6), with the content type of the file at hand. */
function presignedUpload(contentType: string): IDataObject {
	return {
		mediaUrl: MEDIA_URL,
		uploadUrl: S3,
		uploadMethod: 'POST',
		uploadFormData: {
			'Content-Type': contentType,
			acl: 'private',
			bucket: 'channels--message-media--151603429280--euw1',
			key: 'a1405560-c8d3-4b1a-877d-3f449ad95352/e867a2ac-2df5-40be-a5d4-e452d7156048',
			policy: 'c29tZSByYW5kb20gYmFzZTY0IHNvbWUgcmFuZG9tIGJhc2U2NCBzb21lIHJhbmRvbSBiYXNlNjQ=',
			'x-amz-algorithm': 'AWS4-HMAC-SHA256',
			'x-amz-credential': 'ASIAZIY3TY7LKB5VSROM/20241202/us-west-1/s3/aws4_request',
			'x-amz-date': '20241202T151755Z',
			'x-amz-meta-allowed-paths': `${CONVERSATION_PATH}/media/e867a2ac-2df5-40be-a5d4-e452d7156048`,
			'x-amz-security-token': 'dmJ0h6xCpr/DysEQmSWORwF7HggMJq6GSSAXUCA0lDY=',
			'x-amz-signature': '22986b67e42558bc2f44b970d8a8c0357832540245a5c80df1229f4166c9d73c',
		},
	};
}

// Real binary: a PNG signature has bytes that are not valid UTF-8, and a NUL, so the bytes must travel untouched.
const PNG = Buffer.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x42, 0x69,
	0x72, 0x64,
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

function binaryItem(
	property: string,
	data: Buffer,
	mimeType: string,
	fileName: string,
): INodeExecutionData {
	return {
		json: { order: 42 },
		binary: { [property]: { data: data.toString('base64'), mimeType, fileName } },
	};
}

interface Part {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** nock hands a body that is not UTF-8 over as hex; anything else as text. */
function rawBody(body: unknown): Buffer {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0
		? Buffer.from(text, 'hex')
		: Buffer.from(text, 'utf8');
}

/** A small multipart/form-data reader, strict about the framing, so the test checks the real wire format. */
function parseMultipart(body: Buffer, boundary: string): Part[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: Part[] = [];
	let position = body.indexOf(delimiter);
	expect(position).toBe(0);
	for (;;) {
		position += delimiter.length;
		if (body.subarray(position, position + 2).toString() === '--') break; // closing delimiter
		expect(body.subarray(position, position + 2).toString()).toBe('\r\n');
		const headerEnd = body.indexOf('\r\n\r\n', position);
		const headers = body.subarray(position + 2, headerEnd).toString('utf8');
		const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd);
		const disposition =
			/Content-Disposition: form-data; name="([^"]+)"(?:; filename="([^"]*)")?/i.exec(headers);
		expect(disposition).not.toBeNull();
		parts.push({
			name: disposition![1],
			filename: disposition![2],
			contentType: /Content-Type: (.+)/i.exec(headers)?.[1],
			data: body.subarray(headerEnd + 4, next),
		});
		position = next + 2;
	}
	return parts;
}

const send = (extra: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	mediaSource: 'binary',
	...extra,
});

interface Flow {
	steps: string[];
	presignBody?: IDataObject;
	uploadHeaders?: Record<string, string | string[] | undefined>;
	uploadParts?: Part[];
	message?: IDataObject;
}

/** Mocks the three steps for one message and records what each received, in the order they ran. */
function mockFlow(contentType: string, messageStatus = 201): Flow {
	const flow: Flow = { steps: [] };
	nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } })
		.post(`${CONVERSATION_PATH}/presigned-upload`, (body: IDataObject) => {
			flow.presignBody = body;
			return true;
		})
		.reply(200, () => {
			flow.steps.push('presign');
			return presignedUpload(contentType);
		});
	nock(S3, { badheaders: ['authorization'] })
		.post('/')
		.reply(function (_uri, body) {
			flow.steps.push('upload');
			flow.uploadHeaders = this.req.headers;
			const boundary = /boundary=(.+)$/.exec(String(this.req.headers['content-type']))?.[1] ?? '';
			flow.uploadParts = parseMultipart(rawBody(body), boundary);
			return [204, ''];
		});
	nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } })
		.post(`${CONVERSATION_PATH}/messages`)
		.reply(messageStatus, (_uri, body) => {
			flow.steps.push('message');
			flow.message = body as IDataObject;
			return {
				id: 'a9c6a1c0-6a4b-4d53-9f35-0f0f3f1a0b11',
				status: 'accepted',
				...(body as IDataObject),
			};
		});
	return flow;
}

guardNock();

describe('Message → Send from binary data (pre-signed upload)', () => {
	it('uploads an image in three steps: form fields in Bird’s order, file last, no access key, then the message references mediaUrl', async () => {
		const flow = mockFlow('image/png');
		const result = await runBirdNode(
			send({ messageType: 'image', binaryPropertyName: 'photo', caption: 'Your receipt' }),
			{
				items: [binaryItem('photo', PNG, 'image/png', 'receipt.png')],
			},
		);

		expect(result.error).toBeUndefined();
		expect(flow.steps).toEqual(['presign', 'upload', 'message']);
		expect(flow.presignBody).toEqual({ contentType: 'image/png' });

		// Step 2: multipart with every uploadFormData field as a plain string field, in order, then the file.
		expect(flow.uploadHeaders?.['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		const fields = presignedUpload('image/png').uploadFormData as Record<string, string>;
		const parts = flow.uploadParts!;
		expect(parts.map((p) => p.name)).toEqual([...Object.keys(fields), 'file']);
		for (const part of parts.slice(0, -1)) {
			expect(part.filename).toBeUndefined();
			expect(part.data.toString('utf8')).toBe(fields[part.name]);
		}
		const file = parts[parts.length - 1];
		expect(file).toMatchObject({ name: 'file', filename: 'receipt.png', contentType: 'image/png' });
		expect(file.data.equals(PNG)).toBe(true);

		// Step 3: the message, built from Bird's answer to step 1. Bird's upload schema says mediaUrl "Must be passed
		// in the `attachments` object" (docs/bird-api.md §3.6): a text body's attachments, Caption as the text.
		expect(flow.message).toEqual({
			participantType: 'accessKey',
			participantId: ACCESS_KEY_ID,
			addMissingParticipants: true,
			body: {
				type: 'text',
				text: {
					text: 'Your receipt',
					attachments: [{ mediaUrl: MEDIA_URL, filename: 'receipt.png', contentType: 'image/png' }],
				},
			},
		});
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ status: 'accepted', body: flow.message!.body });
	});

	it('a file goes in the same attachments shape, with content type and file name from the binary data', async () => {
		const flow = mockFlow('application/pdf');
		const result = await runBirdNode(
			send({
				messageType: 'file',
				binaryPropertyName: 'invoice',
				caption: 'Invoice 42',
				recipients: {
					recipient: [
						{
							by: 'identifier',
							identifierKey: 'emailaddress',
							identifierValue: 'jane.doe@example.com',
							type: 'to',
						},
					],
				},
			}),
			{ items: [binaryItem('invoice', PDF, 'application/pdf', 'invoice-42.pdf')] },
		);
		expect(result.error).toBeUndefined();
		expect(flow.presignBody).toEqual({ contentType: 'application/pdf' });
		expect(flow.uploadParts?.at(-1)).toMatchObject({
			name: 'file',
			filename: 'invoice-42.pdf',
			contentType: 'application/pdf',
		});
		expect(flow.uploadParts?.at(-1)?.data.equals(PDF)).toBe(true);
		expect(flow.message?.body).toEqual({
			type: 'text',
			text: {
				text: 'Invoice 42',
				attachments: [
					{ mediaUrl: MEDIA_URL, filename: 'invoice-42.pdf', contentType: 'application/pdf' },
				],
			},
		});
		expect(flow.message?.recipients).toEqual([
			{ type: 'to', identifierKey: 'emailaddress', identifierValue: 'jane.doe@example.com' },
		]);
	});

	it('a GIF without a caption is an attachment of an empty text (text is required in Bird’s text body)', async () => {
		const flow = mockFlow('image/gif');
		const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'latin1');
		const result = await runBirdNode(send({ messageType: 'gif', binaryPropertyName: 'data' }), {
			items: [binaryItem('data', gif, 'image/gif', 'party.gif')],
		});
		expect(result.error).toBeUndefined();
		expect(flow.steps).toEqual(['presign', 'upload', 'message']);
		expect(flow.message?.body).toEqual({
			type: 'text',
			text: {
				text: '',
				attachments: [{ mediaUrl: MEDIA_URL, filename: 'party.gif', contentType: 'image/gif' }],
			},
		});
	});

	it('uploads once per input item, each item its own file', async () => {
		const first = mockFlow('image/png');
		const second = mockFlow('image/jpeg');
		const result = await runBirdNode(send({ messageType: 'image', binaryPropertyName: 'photo' }), {
			items: [
				binaryItem('photo', PNG, 'image/png', 'one.png'),
				binaryItem('photo', Buffer.from('second image'), 'image/jpeg', 'two.jpg'),
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(2);
		const uploads = [first, second].map((f) => f.uploadParts?.at(-1));
		expect(uploads.map((u) => u?.filename)).toEqual(['one.png', 'two.jpg']);
		expect([first.presignBody, second.presignBody]).toEqual([
			{ contentType: 'image/png' },
			{ contentType: 'image/jpeg' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a binary property that does not exist stops before any request and lists the ones that do', async () => {
		const result = await runBirdNode(
			send({ messageType: 'image', binaryPropertyName: 'picture' }),
			{ items: [binaryItem('photo', PNG, 'image/png', 'x.png')] },
		);
		expect(result.error?.message).toBe(
			'Binary Property: the input item has no binary property "picture"',
		);
		expect(result.error?.description).toContain('Available binary properties: photo');
	});

	it('an item without any binary data says where binary data comes from', async () => {
		const result = await runBirdNode(send({ messageType: 'file', binaryPropertyName: 'data' }), {
			items: [{ id: 1 }],
		});
		expect(result.error?.message).toBe(
			'Binary Property: the input item has no binary property "data"',
		);
		expect(result.error?.description).toMatch(/no binary data.*previous node/);
	});

	it('a malformed recipient is refused before the file is uploaded', async () => {
		const result = await runBirdNode(
			send({
				messageType: 'image',
				binaryPropertyName: 'photo',
				recipients: { recipient: [{ by: 'id', contactId: 'john', type: 'to' }] },
			}),
			{ items: [binaryItem('photo', PNG, 'image/png', 'x.png')] },
		);
		expect(result.error?.message).toBe('Recipients (row 1) Contact ID: "john" is not a valid ID');
	});

	it('step 1 failing names the step and carries Bird’s error; nothing is uploaded or sent', async () => {
		nock(TEST_BASE_URL)
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.reply(422, {
				code: 'InvalidPayload',
				message: 'One or more fields provided in the request body are malformed',
				details: { '.contentType': ['Unsupported content type'] },
			});
		const result = await runBirdNode(send({ messageType: 'file', binaryPropertyName: 'data' }), {
			items: [binaryItem('data', PDF, 'application/x-weird', 'a.bin')],
		});
		expect((result.error as { httpCode?: string }).httpCode).toBe('422');
		expect(result.error?.message).toBe(
			'Uploading "data" failed at step 1 (pre-signed upload): Bird rejected one or more fields (422)',
		);
		expect(result.error?.description).toContain(
			'"Binary Property" (.contentType): Unsupported content type',
		);
	});

	it('step 2 failing (storage refuses the form) names the step and the status; no message is sent', async () => {
		nock(TEST_BASE_URL)
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.reply(200, presignedUpload('image/png'));
		nock(S3)
			.post('/')
			.reply(
				403,
				'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Policy expired</Message></Error>',
				{ 'Content-Type': 'application/xml' },
			);
		const result = await runBirdNode(send({ messageType: 'image', binaryPropertyName: 'photo' }), {
			items: [binaryItem('photo', PNG, 'image/png', 'x.png')],
		});
		expect(result.error?.message).toBe(
			'Uploading "photo" failed at step 2 (storage upload answered 403)',
		);
		expect(result.error?.description).toContain('Policy expired');
		expect(JSON.stringify(result.result.run)).not.toContain(TEST_ACCESS_KEY);
	});

	it('step 3 failing (the conversation is closed) is Bird’s 409, after a complete upload', async () => {
		const steps: string[] = [];
		nock(TEST_BASE_URL)
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.reply(200, () => {
				steps.push('presign');
				return presignedUpload('image/png');
			});
		nock(S3)
			.post('/')
			.reply(() => {
				steps.push('upload');
				return [204, ''];
			});
		nock(TEST_BASE_URL).post(`${CONVERSATION_PATH}/messages`).reply(409, {
			code: 'ConversationClosed',
			message: 'Messages cannot be sent to a closed conversation',
		});
		const result = await runBirdNode(send({ messageType: 'image', binaryPropertyName: 'photo' }), {
			items: [binaryItem('photo', PNG, 'image/png', 'x.png')],
		});
		expect(steps).toEqual(['presign', 'upload']);
		expect(result.error?.message).toBe(
			'Bird refused the request because of a conflicting state (409)',
		);
		expect(result.error?.description).toContain(
			'ConversationClosed — Messages cannot be sent to a closed conversation',
		);
	});

	it('with Continue On Fail, an item without the binary property gets its error and the next item is still sent', async () => {
		const flow = mockFlow('image/png');
		const result = await runBirdNode(send({ messageType: 'image', binaryPropertyName: 'photo' }), {
			items: [{ json: { n: 1 } }, binaryItem('photo', PNG, 'image/png', 'ok.png')],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(2);
		expect(result.json[0].error).toBe(
			'Binary Property: the input item has no binary property "photo"',
		);
		expect(result.json[1]).toMatchObject({
			status: 'accepted',
			body: { type: 'text', text: { attachments: [{ filename: 'ok.png' }] } },
		});
		expect(flow.steps).toEqual(['presign', 'upload', 'message']);
	});
});
