/** The one test double of the main process for renderer component tests, typed
 *  from the API contract: answers are keyed by method names that exist, take that
 *  method's input and give (part of) its output, so a renamed method or field stops
 *  the tests compiling. A test file mocks the client module with it:
 *
 *    vi.mock('../../api/client', async (original) =>
 *      (await import('../../testing/api')).mockClient(await original()));
 *
 *  (imported inside the factory, which runs before the file's own imports), then
 *  sets answers with `answerApi({...})` and reads `apiCalls`. This module imports
 *  nothing of the app but types, so the mocked client can load it. */
import type { Api, Method } from '../api/client';
import type * as Client from '../api/client';
import type { PushEvent } from '../../contract/topics';

/** Part of an output: a screen reads only some fields, and a test gives only those
 *  (but a field it gives must exist under that name). */
export type Part<T> = T extends readonly (infer U)[]
  ? readonly Part<U>[]
  : T extends object
    ? { [K in keyof T]?: Part<T[K]> }
    : T;

export type Answer<M extends Method> = (
  input: Api[M]['input'],
) => Part<Api[M]['output']> | Promise<Part<Api[M]['output']>>;
export type Answers = { [M in Method]?: Answer<M> };

export interface ApiCall<M extends Method = Method> {
  method: M;
  input: Api[M]['input'];
}

const answers: Answers = {};
/** Every call the screens made, in order (cleared by resetApi). */
export const apiCalls: ApiCall[] = [];
let listeners: Array<(event: PushEvent) => void> = [];

/** Sets (or replaces) the answers of some methods. */
export function answerApi(next: Answers): void {
  Object.assign(answers, next);
}

/** Forgets every answer, call and push listener (call in afterEach). */
export function resetApi(): void {
  for (const key of Object.keys(answers)) delete answers[key as Method];
  apiCalls.length = 0;
  listeners = [];
}

/** The inputs of the calls of one method, typed. */
export function inputsOf<M extends Method>(method: M): Array<Api[M]['input']> {
  return apiCalls.filter((c): c is ApiCall<M> => c.method === method).map((c) => c.input);
}

/** Delivers a push event (sync.state, seed.progress …) to the subscribed screens. */
export function pushEvent(event: PushEvent): void {
  for (const listener of listeners) listener(event);
}

/** The client module with its transport replaced by the answers; a method without
 *  an answer is refused as the main process would refuse an unknown one. */
export function mockClient(original: typeof Client): typeof Client {
  return {
    ...original,
    invoke: async <M extends Method>(method: M, input: Api[M]['input']) => {
      apiCalls.push({ method, input } as ApiCall);
      const answer = answers[method] as Answer<M> | undefined;
      if (!answer) throw new original.ApiError('METHOD_UNKNOWN', { method });
      return (await answer(input)) as Api[M]['output'];
    },
    subscribe: (listener: (event: PushEvent) => void) => {
      listeners.push(listener);
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
}
