import nock from 'nock';
import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { TEST_ACCESS_KEY, TEST_BASE_URL } from './bird';

/**
 * A resource-locator value as the editor stores it, e.g. the conversation picker set to "By ID":
 * `{ __rl: true, mode: 'id', value }`.
 */
export function locator(value: string, mode = 'id'): INodeParameterResourceLocator {
	return { __rl: true, mode, value };
}

/** nock for the mocked Bird that also requires the test access key (`Authorization: AccessKey …`). */
export function mockBird(): nock.Scope {
	return nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } });
}

export interface CapturedBody {
	/** The JSON body the interceptor received (undefined until a request matched). */
	body?: IDataObject;
	/** Pass as nock's body matcher: records the body and matches any. */
	match: (body: IDataObject) => boolean;
}

/**
 * Captures the JSON body nock received, so a test compares it with `toEqual` and a mismatch shows a
 * readable diff instead of nock's "no match".
 */
export function captureBody(): CapturedBody {
	const holder: CapturedBody = {
		match: (body) => {
			holder.body = body;
			return true;
		},
	};
	return holder;
}
