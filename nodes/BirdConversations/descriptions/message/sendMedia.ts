import type { INodeProperties } from 'n8n-workflow';

type SendShow = (...messageType: string[]) => {
	resource: string[];
	operation: string[];
	messageType: string[];
};

/**
 * Message → Send, Image / File / GIF: a public URL (sent in Bird's image, file or gif body) or an item's binary
 * data (uploaded, then sent as a text attachment; see helpers/messageBody.ts and docs/bird-api.md §3.6).
 */
export function mediaFields(sendShow: SendShow): INodeProperties[] {
	return [
		{
			displayName: 'Media Source',
			name: 'mediaSource',
			type: 'options',
			default: 'url',
			displayOptions: { show: sendShow('image', 'file', 'gif') },
			options: [
				{ name: 'URL', value: 'url', description: 'A public URL Bird can fetch' },
				{
					name: 'Binary Data',
					value: 'binary',
					description:
						'A file from a previous node, uploaded to Bird first and sent as an attachment of a text message (Caption as its text), where Bird’s upload API says uploaded media belongs',
				},
			],
		},
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/photo.png',
			displayOptions: { show: { ...sendShow('image', 'file', 'gif'), mediaSource: ['url'] } },
		},
		{
			displayName: 'Binary Property',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			description: 'Name of the binary property of the input item that holds the file',
			displayOptions: { show: { ...sendShow('image', 'file', 'gif'), mediaSource: ['binary'] } },
		},
		{
			displayName: 'File Content Type',
			name: 'fileContentType',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. application/pdf',
			displayOptions: { show: { ...sendShow('file'), mediaSource: ['url'] } },
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			displayOptions: { show: { ...sendShow('file'), mediaSource: ['url'] } },
		},
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			description:
				'Text sent with the media. With Binary Data it is the text of the message that carries the file.',
			displayOptions: { show: sendShow('image', 'file', 'gif') },
		},
	];
}
