/** TanStack Query over `invoke`: every screen reads and writes through these. */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { invoke, subscribe, type ApiError, type Api, type Method } from './client';
import type { PushTopics, Topic } from '../../contract/topics';

export function useApi<M extends Method>(
  method: M,
  input: Api[M]['input'],
  options: Omit<UseQueryOptions<Api[M]['output'], ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Api[M]['output'], ApiError>({
    queryKey: [method, input],
    queryFn: () => invoke(method, input),
    ...options,
  });
}

/** A stable text of an input (keys sorted), to tell a repeat from a new submission. */
function inputKey(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

export interface MutationOptions {
  /** One request per opening of a form: after a success the id is kept, so a
   *  second click or a resend of the same values is the same request and gets the
   *  first answer (one application, one customer); it is renewed when the form
   *  opens again (`reset`), after a refusal, or when different values follow. */
  perOpening?: boolean;
}

/** A mutation that refreshes every cached query afterwards, so lists never lag.
 *  Each submission carries a request id chosen before it is sent and kept until
 *  an answer comes (or `reset` is called when the form opens again): a double click
 *  or a retry after a lost answer is the same request, and the main process answers
 *  it with the first result instead of doing the work twice. */
export function useApiMutation<M extends Method>(method: M, options: MutationOptions = {}) {
  const client = useQueryClient();
  const requestId = useRef<string>(crypto.randomUUID());
  /** The input the last success answered (perOpening), by its stable text. */
  const answered = useRef<string | null>(null);
  const perOpening = options.perOpening === true;
  const mutation = useMutation<Api[M]['output'], ApiError, Api[M]['input']>({
    mutationFn: (input) => {
      const key = inputKey(input);
      if (answered.current !== null && answered.current !== key) {
        requestId.current = crypto.randomUUID();
        answered.current = null;
      }
      return invoke(method, { ...input, requestId: requestId.current });
    },
    onSuccess: (_value, input) => {
      if (perOpening) answered.current = inputKey(input);
      else requestId.current = crypto.randomUUID();
      return client.invalidateQueries();
    },
    // A refusal wrote nothing, so the corrected submission is a new request; only
    // when no answer came (the transport failed) does a retry carry the same id.
    onError: (error) => {
      if (error.code !== 'TRANSPORT_FAILED') {
        requestId.current = crypto.randomUUID();
        answered.current = null;
      }
    },
  });
  const { reset } = mutation;
  return {
    ...mutation,
    /** Forgets the last result and starts a new request (a form opened afresh). */
    reset: useCallback(() => {
      requestId.current = crypto.randomUUID();
      answered.current = null;
      reset();
    }, [reset]),
    /** The id the next submission carries. */
    requestId: requestId.current,
  };
}

/** Messages the main process pushes (EOD progress …), for one topic, typed by the
 *  contract's topics. */
export function usePush<T extends Topic>(topic: T, onMessage: (payload: PushTopics[T]) => void): void {
  const ref = useRef(onMessage);
  ref.current = onMessage;
  useEffect(() => subscribe((event) => event.topic === topic && ref.current(event.payload as PushTopics[T])), [topic]);
}
