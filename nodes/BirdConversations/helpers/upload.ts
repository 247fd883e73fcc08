import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BirdItemFunctions } from '../../shared/context';
import { birdRequest } from '../../shared/transport';
import { maxRetriesOf, openSession } from '../actions/request';
import { FIELD_NAMES } from './errorContext';

export interface UploadedMedia {
	mediaUrl: string;
	contentType: string;
	fileName: string;
}

/**
 * A multipart/form-data body built by hand: the node may not depend on form-data. Bird says every
 * `uploadFormData` field goes in as a string field plus the bytes as `file` (docs/bird-api.md §3.6); S3 ignores
 * fields after the file (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html), so every
 * policy field comes first and `file` last.
 */
export function multipartBody(
	fields: Record<string, string>,
	file: { data: Buffer; fileName: string; contentType: string },
	boundary: string,
): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	const safeName = file.fileName.replace(/["\r\n]/g, '_');
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return Buffer.concat(parts);
}

/**
 * Uploads an item's binary property with Bird's pre-signed upload flow and returns the mediaUrl to put
 * in the message: 1) ask Bird for an upload form, 2) POST the bytes to the form's URL (no access key:
 * the form carries its own credentials), 3) the caller references mediaUrl in the message body.
 */
export async function uploadBinaryProperty(
	context: BirdItemFunctions,
	conversationId: string,
	propertyName: string,
): Promise<UploadedMedia> {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	const item = context.getInputData();
	if (!item?.binary?.[propertyName]) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			node,
			`Binary Property: the input item has no binary property "${propertyName}"`,
			{
				itemIndex,
				description: available.length
					? `Available binary properties: ${available.join(', ')}. Set "Binary Property" to one of them.`
					: 'The input item carries no binary data. Read or download a file in a previous node first.',
			},
		);
	}
	const binary = context.helpers.assertBinaryData(propertyName);
	const data = await context.helpers.getBinaryDataBuffer(propertyName);
	const contentType = binary.mimeType || 'application/octet-stream';
	const fileName = binary.fileName || `${propertyName}.${binary.fileExtension ?? 'bin'}`;
	const session = await openSession(context);
	const maxRetries = maxRetriesOf(context);
	// Both steps go through the shared request path, with its retries (429, 5xx; a POST is not repeated after a
	// connection failure). Nothing reaches the contact before step 3, so a lost connection here says that
	// running the item again is safe.
	const lostWrite =
		'No message was sent (that happens after the upload), so running this item again is safe.';
	const presign = await birdRequest(
		context,
		{
			method: 'POST',
			baseURL: session.baseURL,
			url: `/workspaces/${session.workspace}/conversations/${encodeURIComponent(conversationId)}/presigned-upload`,
			body: { contentType },
			json: true,
		},
		{
			authorization: session.authorization,
			maxRetries,
			label: `Uploading "${propertyName}" failed at step 1 (pre-signed upload)`,
			lostWrite,
			errorContext: {
				resourceLabel: 'conversation',
				resourceId: conversationId,
				itemIndex,
				fieldNames: FIELD_NAMES,
			},
		},
	);
	const { mediaUrl, uploadUrl, uploadFormData } = presign.body as {
		mediaUrl: string;
		uploadUrl: string;
		uploadFormData: Record<string, string>;
	};

	const boundary = `----n8nBirdUpload${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	// Built once: a retry sends the very same bytes. Storage (S3) answers 503 SlowDown under load, and
	// without a retry here one busy moment would fail the item although step 1 was retried. The form carries
	// its own credentials, so this request must not carry the access key.
	const uploadRequest: IHttpRequestOptions = {
		method: 'POST',
		url: uploadUrl,
		body: multipartBody(uploadFormData ?? {}, { data, fileName, contentType }, boundary),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		json: false,
	};
	await birdRequest(context, uploadRequest, {
		authorization: null,
		maxRetries,
		peer: 'storage',
		label: `Uploading "${propertyName}" failed at step 2 (storage upload)`,
		lostWrite,
		errorContext: { itemIndex },
		failure: (upload) =>
			new NodeOperationError(
				node,
				`Uploading "${propertyName}" failed at step 2 (storage upload answered ${upload.statusCode})`,
				{
					itemIndex,
					description: `The file may be larger than Bird's 100 MiB limit, or the upload form expired. Storage said: ${String(upload.body ?? '').slice(0, 300)}`,
				},
			),
	});
	return { mediaUrl, contentType, fileName };
}
