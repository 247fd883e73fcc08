/**
 * Message → Get and Get Many with Options → Download Attachments, against the sandbox: a PDF sent from
 * binary data (Bird's pre-signed upload) comes back as binary data, through the media URL's redirect to a
 * pre-signed link (docs/fidelity.md, Media); a file that cannot be had fails the item, naming it, and
 * Continue On Fail keeps the run going. A third-party media host never sees the access key.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { DEMO } from '../../../sandbox/seed';
import { runBirdNode } from '../../harness';

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

let sb: Sandbox;
let thirdParty: Server;
let thirdPartyUrl = '';
const thirdPartyHeaders: IncomingHttpHeaders[] = [];

beforeAll(async () => {
	sb = await startSandbox({ port: 0, rateLimits: false, statusProgressionMs: 0 });
	thirdParty = createServer((request, response) => {
		thirdPartyHeaders.push(request.headers);
		if (request.url === '/gone.png') response.writeHead(404).end();
		else response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('png-bytes'));
	});
	await new Promise<void>((resolve) => thirdParty.listen(0, '127.0.0.1', resolve));
	thirdPartyUrl = `http://127.0.0.1:${(thirdParty.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await sb.close();
	await new Promise((resolve) => thirdParty.close(resolve));
});

const run = (parameters: Record<string, unknown>, options: Record<string, unknown> = {}) =>
	runBirdNode(parameters as never, {
		credentials: { accessKey: DEMO.accessKey.secret, baseUrl: sb.url },
		...options,
	});

const conversation = DEMO.conversations.johnWhatsapp;

async function sendPdf(): Promise<string> {
	const sent = await run(
		{
			resource: 'message',
			operation: 'send',
			conversationId: byId(conversation),
			senderId: DEMO.accessKey.id,
			messageType: 'file',
			mediaSource: 'binary',
			binaryPropertyName: 'invoice',
			caption: 'Invoice',
		},
		{
			items: [
				{
					json: {},
					binary: {
						invoice: {
							data: pdf.toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'invoice.pdf',
						},
					},
				},
			],
		},
	);
	expect(sent.error).toBeUndefined();
	return String(sent.json[0].id);
}

async function sendByUrl(url: string): Promise<string> {
	const sent = await run({
		resource: 'message',
		operation: 'send',
		conversationId: byId(conversation),
		senderId: DEMO.accessKey.id,
		messageType: 'image',
		mediaSource: 'url',
		mediaUrl: url,
	});
	expect(sent.error).toBeUndefined();
	return String(sent.json[0].id);
}

const get = (messageId: string, options: Record<string, unknown>) => ({
	resource: 'message',
	operation: 'get',
	conversationId: byId(conversation),
	messageId,
	options,
});

it('Get: the uploaded PDF arrives as binary data with its file name and MIME type; the JSON keeps the URL', async () => {
	const id = await sendPdf();
	const result = await run(get(id, { downloadAttachments: true }));
	expect(result.error).toBeUndefined();
	const [item] = result.items;
	expect(item.binary?.data).toMatchObject({ fileName: 'invoice.pdf', mimeType: 'application/pdf' });
	expect(Buffer.from(item.binary!.data.data, 'base64').equals(pdf)).toBe(true);
	expect(JSON.stringify(item.json.body)).toContain('mediaUrl');
	// Off by default.
	expect((await run(get(id, {}))).items[0].binary).toBeUndefined();
});

it('Get Many: every message with media gets its files; a third-party URL gets no access key', async () => {
	await sendPdf();
	await sendByUrl(`${thirdPartyUrl}/photo.png`);
	thirdPartyHeaders.length = 0;
	const result = await run({
		resource: 'message',
		operation: 'getAll',
		conversationId: byId(conversation),
		returnAll: true,
		options: { downloadAttachments: true },
	});
	expect(result.error).toBeUndefined();
	const withFiles = result.items.filter((item) => item.binary);
	expect(withFiles.map((item) => item.binary!.data.mimeType).sort()).toEqual(
		expect.arrayContaining(['application/pdf', 'image/png']),
	);
	expect(thirdPartyHeaders.length).toBeGreaterThan(0);
	for (const headers of thirdPartyHeaders) expect(headers.authorization).toBeUndefined();
});

it('a file that cannot be had fails the item with an error naming it; Continue On Fail goes on', async () => {
	const gone = await sendByUrl(`${thirdPartyUrl}/gone.png`);
	const failed = await run(get(gone, { downloadAttachments: true }));
	expect(failed.error?.message).toMatch(
		/^Attachment "image.images\[0\]" \(http:\/\/127\.0\.0\.1:\d+\/gone\.png\) no longer exists \(404\)/,
	);

	const good = await sendPdf();
	const lenient = await run(
		{ ...get('={{ $json.id }}', { downloadAttachments: true }) },
		{ continueOnFail: true, items: [{ id: gone }, { id: good }] },
	);
	expect(lenient.error).toBeUndefined();
	expect(lenient.items).toHaveLength(2);
	expect(String(lenient.items[0].json.error)).toContain('gone.png');
	expect(lenient.items[1].binary?.data.fileName).toBe('invoice.pdf');
});

it('a file over Max Attachment Size fails the item, naming the limit', async () => {
	const id = await sendPdf();
	const big = Buffer.alloc(1_200_000, 7);
	const sent = await run(
		{
			resource: 'message',
			operation: 'send',
			conversationId: byId(conversation),
			senderId: DEMO.accessKey.id,
			messageType: 'file',
			mediaSource: 'binary',
			binaryPropertyName: 'f',
		},
		{
			items: [
				{
					json: {},
					binary: {
						f: {
							data: big.toString('base64'),
							mimeType: 'application/octet-stream',
							fileName: 'big.bin',
						},
					},
				},
			],
		},
	);
	const result = await run(
		get(String(sent.json[0].id), { downloadAttachments: true, maxAttachmentMegabytes: 1 }),
	);
	expect(result.error?.message).toMatch(
		/Attachment "big.bin" .* is larger .* than the limit of 1 MB/,
	);
	expect(
		(await run(get(id, { downloadAttachments: true, maxAttachmentMegabytes: 1 }))).error,
	).toBeUndefined();
});
