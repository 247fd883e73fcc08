import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_MAX_MEDIA_MB } from '../../shared/constants';
import {
	binaryPropertyName,
	describeMedia,
	downloadMedia,
	downloadSettings,
	MediaDownloadError,
	mediaIn,
} from '../../shared/media';
import { CREDENTIAL_TYPE } from '../../shared/transport';

function option(context: IExecuteSingleFunctions, name: string, fallback: unknown): unknown {
	return (context.getNodeParameter(`options.${name}`, fallback) as unknown) ?? fallback;
}

/**
 * postReceive for Message → Get and Get Many with Options → Download Attachments: each image, file, GIF or
 * attachment of a message becomes binary data (`data`, `data_1`, …) on its item; the JSON keeps the URLs.
 * A file that cannot be had fails the item with an error naming the attachment (Continue On Fail applies).
 */
export async function downloadAttachmentItems(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	_response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (option(this, 'downloadAttachments', false) !== true) return items;
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	const settings = downloadSettings(
		credentials,
		Number(option(this, 'maxAttachmentMegabytes', DEFAULT_MAX_MEDIA_MB)),
	);
	for (const item of items) {
		const refs = mediaIn(item.json.body);
		if (!refs.length) continue;
		const binary: IBinaryKeyData = { ...(item.binary ?? {}) };
		for (const [index, ref] of refs.entries()) {
			try {
				binary[binaryPropertyName(index)] = await downloadMedia.call(this, ref, settings);
			} catch (error) {
				const reason =
					error instanceof MediaDownloadError
						? error.message
						: `could not be downloaded: ${(error as Error).message}`;
				throw new NodeOperationError(this.getNode(), `${describeMedia(ref)} ${reason}`, {
					itemIndex: this.getItemIndex(),
					description: `Message ${String(item.json.id ?? '')}. Turn off Download Attachments to get the message without its files, or raise Max Attachment Size.`,
				});
			}
		}
		item.binary = binary;
	}
	return items;
}
