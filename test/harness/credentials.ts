import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

export type CredentialValues = Record<string, ICredentialDataDecryptedObject>;

/**
 * Resolves the only expression shape a generic `authenticate` block of ours uses:
 * `={{$credentials.name}}` embedded in text. Anything else fails loudly, so a new expression in the
 * credential cannot silently send a literal "{{...}}" in tests.
 */
export function resolveCredentialTemplate(
	template: unknown,
	credentials: ICredentialDataDecryptedObject,
): unknown {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	return template.slice(1).replace(/\{\{\s*(.*?)\s*\}\}/g, (_match, expression: string) => {
		const found = /^\$credentials\.([A-Za-z0-9_]+)$/.exec(expression);
		if (!found)
			throw new Error(`Test credentials helper cannot resolve expression "${expression}"`);
		return String(credentials[found[1]] ?? '');
	});
}

function applyGenericAuth(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = credentialType.authenticate;
	if (!auth) return request;
	if (typeof auth === 'function')
		throw new Error('Test credentials helper supports only generic authenticate blocks');
	if (auth.type !== 'generic')
		throw new Error(`Unsupported authenticate type ${String(auth.type)}`);
	const result: IHttpRequestOptions = { ...request };
	for (const [target, values] of Object.entries(auth.properties)) {
		const key = target as 'headers' | 'qs' | 'body' | 'auth';
		const resolved: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
			resolved[name] = resolveCredentialTemplate(value, credentials);
		}
		(result as unknown as Record<string, unknown>)[key] = {
			...((result as unknown as Record<string, Record<string, unknown> | undefined>)[key] ?? {}),
			...resolved,
		};
	}
	return result;
}

/**
 * What n8n's CLI does with stored credentials, reduced to tests: values come from the test, not a
 * database, and our credential class's own generic `authenticate` block is applied, so a test sees the
 * exact Authorization header real n8n would send.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly values: CredentialValues,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	/** Mirrors n8n 2.41: only types with `restrictToSupportedNodes` limit which nodes may use them. */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types[credentialType] as
			| (ICredentialType & { restrictToSupportedNodes?: boolean; supportedNodes?: string[] })
			| undefined;
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some(
			(name) => nodeType === name || nodeType.endsWith(`.${name}`),
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		return applyGenericAuth(type, credentials, requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}) is not used by these nodes`);
	}

	async getDecrypted(
		_additionalData: unknown,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const values = this.values[type];
		if (!values) throw new Error(`The test gave no values for credential type ${type}`);
		return { ...values };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
