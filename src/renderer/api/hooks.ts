/** TanStack Query over `invoke`: every screen reads and writes through these. */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
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

/** A mutation that refreshes every cached query afterwards, so lists never lag. */
export function useApiMutation<M extends Method>(method: M) {
  const client = useQueryClient();
  return useMutation<Api[M]['output'], ApiError, Api[M]['input']>({
    mutationFn: (input) => invoke(method, input),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Messages the main process pushes (EOD progress …), for one topic, typed by the
 *  contract's topics. */
export function usePush<T extends Topic>(topic: T, onMessage: (payload: PushTopics[T]) => void): void {
  const ref = useRef(onMessage);
  ref.current = onMessage;
  useEffect(() => subscribe((event) => event.topic === topic && ref.current(event.payload as PushTopics[T])), [topic]);
}
