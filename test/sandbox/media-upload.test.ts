/**
 * The pre-signed upload flow (docs/bird-api.md §3.6) end to end and its failure modes beyond the basic contract in
 * participants-media-channels.test.ts: S3 ignores fields after the file, a missing policy field is refused,
 * media is only readable with a key of its workspace, and an uploaded file can be sent in a message.
 */
import axios from 'axios';

import { DEMO, conversationsPath, expectBirdError, start, type Started } from './support';

let s: Started;

beforeAll(async () => {
	s = await start();
});
afterAll(async () => {
	await s.sandbox.close();
});

const conversation = `${conversationsPath}/${DEMO.conversations.johnWhatsapp}`;
const pdf = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

interface PresignedUpload {
	mediaUrl: string;
	uploadUrl: string;
	uploadFormData: Record<string, string>;
}

async function presign(contentType: string): Promise<PresignedUpload> {
	const response = await s.api.post(`${conversation}/presigned-upload`, { contentType });
	expect(response.status).toBe(200);
	return response.data as PresignedUpload;
}

/** The multipart form of step 2; `fileFirst` puts the file before the fields (S3 then ignores the fields). */
function form(
	fields: Record<string, string>,
	file: Buffer,
	contentType: string,
	fileFirst = false,
): FormData {
	const data = new FormData();
	const appendFile = () =>
		data.append('file', new Blob([new Uint8Array(file)], { type: contentType }), 'invoice.pdf');
	if (fileFirst) appendFile();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	if (!fileFirst) appendFile();
	return data;
}

const post = (url: string, body: FormData) => axios.post(url, body, { validateStatus: () => true });

it('a PDF goes up, is sent as a file message, and comes back with its bytes and content type', async () => {
	const upload = await presign('application/pdf');
	expect(
		(await post(upload.uploadUrl, form(upload.uploadFormData, pdf, 'application/pdf'))).status,
	).toBe(204);

	const sent = await s.api.post(`${conversation}/messages`, {
		participantType: 'accessKey',
		participantId: DEMO.accessKey.id,
		recipients: [{ type: 'to', id: DEMO.contacts.john.id }],
		body: {
			type: 'file',
			file: {
				text: 'Your invoice',
				files: [
					{ contentType: 'application/pdf', mediaUrl: upload.mediaUrl, filename: 'invoice.pdf' },
				],
			},
		},
	});
	expect(sent.status).toBe(201);
	expect((await s.api.get(conversation)).data.lastMessage).toMatchObject({
		id: sent.data.id,
		type: 'file',
		preview: { text: "Message type 'file' was sent." },
	});

	const mediaUrl = (await s.api.get(`${conversation}/messages/${sent.data.id}`)).data.body.file
		.files[0].mediaUrl;
	const media = await s.api.get(mediaUrl, { responseType: 'arraybuffer' });
	expect(media.status).toBe(200);
	expect(media.headers['content-type']).toBe('application/pdf');
	expect(Buffer.from(media.data).equals(pdf)).toBe(true);
});

it('media is read with an access key of its workspace only: 401 without one, 403 with another workspace’s', async () => {
	const upload = await presign('application/pdf');
	expect(
		(await post(upload.uploadUrl, form(upload.uploadFormData, pdf, 'application/pdf'))).status,
	).toBe(204);
	expectBirdError(await s.anonymous.get(upload.mediaUrl), 401, 'Unauthorized');
	expectBirdError(await s.otherKey.get(upload.mediaUrl), 403, 'Forbidden');
	expect((await s.api.get(upload.mediaUrl)).status).toBe(200);
});

it('S3 ignores fields after the file, so a form with the file first is refused and stores nothing', async () => {
	const upload = await presign('application/pdf');
	const fileFirst = await post(
		upload.uploadUrl,
		form(upload.uploadFormData, pdf, 'application/pdf', true),
	);
	expect(fileFirst.status).toBe(403);
	expect(String(fileFirst.data)).toContain('<Code>InvalidArgument</Code>');
	expectBirdError(await s.api.get(upload.mediaUrl), 404, 'ResourceNotFound');
});

it.each(['policy', 'x-amz-signature', 'key'])(
	'a form without its %s field is refused with an S3 error',
	async (field) => {
		const upload = await presign('application/pdf');
		const fields = { ...upload.uploadFormData };
		delete fields[field];
		const response = await post(upload.uploadUrl, form(fields, pdf, 'application/pdf'));
		expect(response.status).toBe(403);
		expect(String(response.data)).toContain('<Code>AccessDenied</Code>');
		expectBirdError(await s.api.get(upload.mediaUrl), 404, 'ResourceNotFound');
	},
);

it('one presigned form cannot be reused for another upload’s key', async () => {
	const first = await presign('application/pdf');
	const second = await presign('application/pdf');
	const crossed = await post(
		first.uploadUrl,
		form({ ...first.uploadFormData, key: second.uploadFormData.key }, pdf, 'application/pdf'),
	);
	expect(crossed.status).toBe(403);
	expectBirdError(await s.api.get(second.mediaUrl), 404, 'ResourceNotFound');
});

it('presigned upload for an unknown conversation is a 404, and for another workspace a 403', async () => {
	expectBirdError(
		await s.api.post(`${conversationsPath}/00000000-0000-4000-8000-000000000000/presigned-upload`, {
			contentType: 'image/png',
		}),
		404,
		'ResourceNotFound',
	);
	expectBirdError(
		await s.otherKey.post(`${conversation}/presigned-upload`, { contentType: 'image/png' }),
		403,
		'Forbidden',
	);
});

describe('downloading media', () => {
	const uploaded = async (sandbox: Started) => {
		const response = await sandbox.api.post(`${conversation}/presigned-upload`, {
			contentType: 'application/pdf',
		});
		const upload = response.data as PresignedUpload;
		expect(
			(await post(upload.uploadUrl, form(upload.uploadFormData, pdf, 'application/pdf'))).status,
		).toBe(204);
		return upload.mediaUrl;
	};

	it('a media URL redirects (with the key) to a pre-signed link that serves the bytes without a key', async () => {
		const mediaUrl = await uploaded(s);
		const redirect = await s.api.get(mediaUrl, { maxRedirects: 0 });
		expect(redirect.status).toBe(302);
		const link = String(redirect.headers.location);
		expect(link).toMatch(/\/_s3\/.+X-Amz-Signature=/);
		const file = await axios.get(link, { responseType: 'arraybuffer', validateStatus: () => true });
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('application/pdf');
		expect(Buffer.from(file.data).equals(pdf)).toBe(true);
		// A tampered link is refused like S3 refuses it.
		const tampered = await axios.get(link.replace(/X-Amz-Date=\d+/, 'X-Amz-Date=1'), {
			validateStatus: () => true,
		});
		expect(tampered.status).toBe(403);
		expect(String(tampered.data)).toContain('SignatureDoesNotMatch');
	});

	it('an expired link answers 403 AccessDenied "Request has expired"', async () => {
		const expiring = await start({ mediaLinkTtlSeconds: 0 });
		try {
			const mediaUrl = await uploaded(expiring);
			const link = String((await expiring.api.get(mediaUrl, { maxRedirects: 0 })).headers.location);
			const expired = await axios.get(link, { validateStatus: () => true });
			expect(expired.status).toBe(403);
			expect(String(expired.data)).toContain('Request has expired');
		} finally {
			await expiring.sandbox.close();
		}
	});
});
