import type { INodeProperties } from 'n8n-workflow';

/** Template fields shared by Conversation → Create (initial message) and Message → Send. */
export function templateFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Template Project ID',
			name: 'templateProjectId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the Bird Studio project that holds the template',
			displayOptions: { show },
		},
		{
			displayName: 'Template Version',
			name: 'templateVersion',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the template version to send',
			displayOptions: { show },
		},
		{
			displayName: 'Template Locale',
			name: 'templateLocale',
			type: 'string',
			required: true,
			default: 'en',
			displayOptions: { show },
		},
		{
			displayName: 'Template Parameters',
			name: 'templateParameters',
			type: 'fixedCollection',
			placeholder: 'Add Parameter',
			default: {},
			typeOptions: { multipleValues: true },
			displayOptions: { show },
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description: 'The template variable name',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'string',
							options: [
								{ name: 'Boolean', value: 'boolean' },
								{ name: 'Number', value: 'number' },
								{ name: 'String', value: 'string' },
							],
						},
					],
				},
			],
		},
	];
}
