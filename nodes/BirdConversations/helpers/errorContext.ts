import type { BirdErrorContext } from '../../shared/errors';
import type { BirdItemFunctions } from '../../shared/context';

/**
 * Bird's 422 details name JSON paths of the request body. These are the n8n fields that fill them, so an
 * error can say which field to fix.
 */
export const FIELD_NAMES: Record<string, string> = {
	'.name': 'Name',
	'.description': 'Description',
	'.channelId': 'Channel ID',
	'.visibility': 'Visibility',
	'.accessibility': 'Accessibility',
	'.status': 'Status',
	'.attributes': 'Attributes',
	'.participants': 'Participants',
	'.initialMessage': 'Initial Message',
	'.initialMessage.body.text.text': 'Initial Message Text',
	'.initialMessage.template': 'Template',
	'.initialMessage.recipients': 'Participants',
	'.initialMessage.reference': 'Reference',
	'.participantId': 'Sender ID',
	'.participantType': 'Sender Type',
	'.body': 'Message Type',
	'.body.text.text': 'Text',
	'.body.html': 'HTML',
	'.body.image': 'Media',
	'.body.file': 'Media',
	'.body.gif': 'Media',
	'.body.location': 'Location',
	'.template': 'Template',
	'.template.projectId': 'Template Project ID',
	'.template.version': 'Template Version',
	'.template.locale': 'Template Locale',
	'.template.parameters': 'Template Parameters',
	'.body.text': 'Text',
	// Media Source "Binary Data" sends the upload as a text attachment (helpers/messageBody.ts).
	'.body.text.attachments': 'Binary Property',
	'.body.html.html': 'HTML',
	'.body.html.text': 'Plain Text Alternative',
	'.body.html.metadata.subject': 'Subject',
	'.body.image.images.mediaUrl': 'Media URL',
	'.body.image.images.altText': 'Caption',
	'.body.image.text': 'Caption',
	'.body.file.files.mediaUrl': 'Media URL',
	'.body.file.files.contentType': 'File Content Type',
	'.body.file.files.filename': 'File Name',
	'.body.file.text': 'Caption',
	'.body.gif.mediaUrl': 'Media URL',
	'.body.gif.text': 'Caption',
	'.body.location.coordinates.latitude': 'Latitude',
	'.body.location.coordinates.longitude': 'Longitude',
	'.body.location.location.address': 'Address',
	'.body.location.location.label': 'Label',
	'.template.parameters.key': 'Template Parameters → Key',
	'.template.parameters.value': 'Template Parameters → Value',
	'.recipients': 'Recipients',
	'.recipients.id': 'Recipients → Contact ID',
	'.recipients.identifierKey': 'Recipients → Identifier Key',
	'.recipients.identifierValue': 'Recipients → Identifier Value',
	'.recipients.type': 'Recipients → Type',
	'.sender.name': 'E-Mail Sender Name',
	'.sender.email': 'E-Mail Sender Address',
	'.sender.emailReplyToAddress': 'E-Mail Reply-To',
	'.addMissingParticipants': 'Add Missing Participants',
	'.dateFrom': 'Created After',
	'.reference': 'Reference',
	'.replyToMessageId': 'Reply To Message ID',
	'.sender': 'E-Mail Sender',
	'.draft': 'Draft',
	'.contact': 'Identifier',
	'.contact.identifierValue': 'Identifier Value',
	'.contact.identifierKey': 'Identifier Key',
	'.id': 'ID',
	'.type': 'Participant Type',
	'.limit': 'Limit',
	'.contentType': 'Binary Property',
};

function parameter(context: BirdItemFunctions, name: string): string | undefined {
	try {
		const value = context.getNodeParameter(name, undefined, { extractValue: true });
		return typeof value === 'string' && value ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Message → Send: a 422 on `.participantId` is the Sender ID. For an access key Bird wants the key's ID, which the
 * node cannot look up from the secret (docs/bird-api.md §1.1, §3.3); pasting the secret there is the usual mistake.
 */
function senderHints(senderType: string): Record<string, string> {
	return {
		'.participantId':
			senderType === 'accessKey'
				? "Use the access key's ID, not its secret, as shown in Bird under Settings → Security → Access keys."
				: `Use the ID of the ${senderType} that sends the message, or set Sender Type to Access Key and use your access key's ID.`,
	};
}

/** What the failed request was about, so a 404 can name the missing conversation, message or participant. */
export function errorContextFor(context: BirdItemFunctions): BirdErrorContext {
	const resource = parameter(context, 'resource');
	const operation = parameter(context, 'operation') ?? '';
	const messageId = parameter(context, 'messageId');
	const participantId = parameter(context, 'participantId');
	const identifierValue = parameter(context, 'identifierValue');
	const conversationId = parameter(context, 'conversationId');
	let resourceLabel = 'conversation';
	let resourceId = conversationId;
	if (resource === 'message' && messageId) {
		resourceLabel = 'message';
		resourceId = messageId;
	} else if (resource === 'participant' && operation !== 'add' && operation !== 'getAll') {
		resourceLabel = 'participant';
		resourceId =
			participantId ??
			(identifierValue
				? `${parameter(context, 'identifierKey') ?? ''}/${identifierValue}`
				: undefined);
	} else if (
		resource === 'conversation' &&
		(operation === 'create' || operation === 'getAll' || operation === 'getManyByParticipant')
	) {
		resourceLabel = operation === 'getManyByParticipant' ? 'participant' : 'workspace';
		resourceId =
			operation === 'getManyByParticipant' ? (participantId ?? identifierValue) : undefined;
	}
	const forbiddenAction =
		resource === 'participant' && operation === 'remove'
			? `remove the participant "${resourceId ?? ''}"`
			: undefined;
	const fieldHints =
		resource === 'message' && operation === 'send'
			? senderHints(parameter(context, 'senderType') ?? 'accessKey')
			: undefined;
	return { resourceLabel, resourceId, fieldNames: FIELD_NAMES, fieldHints, forbiddenAction };
}
