/** The test double is typed from the contract: these lines must not compile (the
 *  typecheck fails on an unused @ts-expect-error if the typing ever loosens), and
 *  the double behaves as the transport would. */
import * as client from '../api/client';
import { answerApi, apiCalls, inputsOf, mockClient, resetApi } from './api';

afterEach(resetApi);

describe('the typed API double', () => {
  it('refuses methods, inputs and output fields the contract does not have', () => {
    // @ts-expect-error a method that does not exist (a renamed one)
    answerApi({ 'sync.statusOf': () => ({}) });
    // @ts-expect-error an output field under a name the contract does not use
    answerApi({ 'sync.cancel': () => ({ canceled: true }) });
    // @ts-expect-error a method's inputs are asked for by its name
    inputsOf('customers.lookup');
    expect(true).toBe(true);
  });

  it('answers from the answers given, records each call, and refuses a method without one', async () => {
    const mocked = mockClient(client);
    answerApi({ 'sync.cancel': () => ({ cancelled: true }) });
    await expect(mocked.invoke('sync.cancel', { requestId: 'r1' } as never)).resolves.toEqual({ cancelled: true });
    await expect(mocked.invoke('sync.status', {} as never)).rejects.toMatchObject({ code: 'METHOD_UNKNOWN' });
    expect(apiCalls.map((c) => c.method)).toEqual(['sync.cancel', 'sync.status']);
    expect(inputsOf('sync.cancel')).toEqual([{ requestId: 'r1' }]);
  });
});
