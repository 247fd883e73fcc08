/**
 * Test harness: runs real workflow JSON through n8n-core's engine (WorkflowExecute), the way n8n
 * 2.41 runs it, with our node and credential classes loaded from TypeScript source (no build needed).
 *
 * API
 * - `runBirdNode(parameters, { items?, continueOnFail?, credentials?, after?, name? })`
 *     Manual Trigger → (Items) → Bird Conversations node. Resolves to `{ items, json, outputs, error,
 *     itemErrors, result }` for the Bird node. `error` is the error the node stopped with;
 *     under continue-on-fail each failed item has `item.error` (collected in `itemErrors`) and
 *     `item.json.error`. `credentials` overrides `birdCredentials()` (fake key, demo workspace,
 *     baseUrl https://api.bird.com for nock; pass the sandbox's `sb.url` and `DEMO_IDS.accessKey`
 *     to hit the sandbox).
 * - `birdWorkflow(parameters, options)` builds that workflow JSON; `runWorkflow(json, { credentials,
 *     nodeTypes?, mode?, startNode? })` runs any workflow and returns `{ run, nodes: {name: {items, json,
 *     outputs, error, itemErrors}}, error }`. Credentials are keyed by type: `{ birdConversationsApi: {...} }`.
 * - `callListSearch(method, filter?, paginationToken?, credentials?)` calls `methods.listSearch` of the
 *     Bird node with a real LoadOptionsContext.
 * - Node types: `BIRD_NODE_TYPE` (`n8n-nodes-bird-conversations.birdConversations`), `BIRD_TRIGGER_TYPE`,
 *     `MANUAL_TRIGGER_TYPE` (a stand-in emitting one empty item) and `ITEMS_NODE_TYPE` (emits its `items`
 *     parameter: JSON objects or `{json, binary}`). `sourceNodeTypes(extra)` adds more node classes.
 * - `TestCredentialsHelper` applies the credential class's own generic `authenticate` block (so the
 *     request carries `Authorization: AccessKey <key>`) and implements `isCredentialUsableByNode`.
 * - `DEMO_IDS`, `WORKSPACE_PATH`, `TEST_BASE_URL`, `TEST_ACCESS_KEY` for building expectations.
 * - Mocked Bird (mocks.ts, nockGuard.ts): `guardNock()` in every file that uses nock; `mockBird()` (nock that
 *     requires the test key), `captureBody()` (the JSON body a request carried), `locator(value, mode?)`.
 * - `new WaitingExecution(parameters, { items?, continueOnFail?, credentials? })` (waitingExecution.ts): the
 *     Send and Wait node through a whole wait: `start()` runs until the execution waits, `open({ method, url,
 *     headers?, body? })` calls its waiting webhook (returns the page and the items it would resume with),
 *     `resume(items?)` continues as n8n does (with a response, or at the time limit); `signatureValid(link)`.
 * - `useSandbox(options?)` (sandbox.ts): starts the Bird sandbox for a describe or file and returns
 *     `{ url, context, app, credentials(), run(parameters, options?) }`.
 *
 * Errors are what n8n stores in run data: a plain object `{ ...error, message, stack }`, so check
 * `error.name`, `message`, `description`, `httpCode` — never `instanceof`/`constructor.name`. n8n's
 * routing engine reports an error thrown by a declarative node's preSend under the name NodeApiError
 * (message and description kept). A literally empty *required* parameter never reaches the node: n8n
 * refuses the workflow first (WorkflowHasIssuesError thrown by `run`); feed empty values through an
 * expression (`'={{ $json.value }}'` with `items: [{ value: '' }]`) to test the node's own checks.
 *
 * A workflow n8n itself refuses to start (a required parameter missing, a By ID value failing the
 * locator's regex) rejects with n8n's WorkflowHasIssuesError, exactly as "Execute workflow" would refuse.
 *
 * The harness sets N8N_USER_FOLDER to a fixed folder under the OS temp dir (see env.ts), so n8n-core never
 * touches ~/.n8n.
 * Loading the *built* package (dist/) the way n8n does is covered by test/unit/node/package-loader.test.ts.
 */
import './env';

export * from './bird';
export * from './birdSignature';
export * from './credentials';
export * from './fixtures';
export * from './listSearch';
export * from './mocks';
export * from './nockGuard';
export * from './nodeTypes';
export * from './run';
export * from './sandbox';
export * from './waitingExecution';
