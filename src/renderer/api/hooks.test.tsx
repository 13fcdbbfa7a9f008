// @vitest-environment jsdom
/** A form's request id: kept for a retry when no answer came, renewed after a
 *  success and after a refusal (which wrote nothing), so a corrected submission is
 *  not mistaken for a changed repeat (REQUEST_ID_REUSED). */
import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useApiMutation } from './hooks';
import { ApiError } from './client';
import { answerApi, inputsOf, resetApi } from '../testing/api';

vi.mock('./client', async (original) => (await import('../testing/api')).mockClient(await original()));

let answer: { code: string } | null = null;
beforeEach(() =>
  answerApi({
    'auth.login': () => {
      if (answer) throw new ApiError(answer.code, {});
      return {};
    },
  }),
);
afterEach(resetApi);
const sent = () => inputsOf('auth.login').map((i) => (i as { requestId: string }).requestId);

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

async function submit(m: { current: ReturnType<typeof useApiMutation<'auth.login'>> }, password = 'x'): Promise<void> {
  await act(async () => {
    await m.current.mutateAsync({ username: 'officer', password }).catch(() => undefined);
  });
}

describe('useApiMutation request ids', () => {
  it('keeps the id when the answer was lost, renews it after a refusal and after a success', async () => {
    const { result } = renderHook(() => useApiMutation('auth.login'), { wrapper });
    answer = { code: 'TRANSPORT_FAILED' };
    await submit(result);
    await submit(result);
    answer = { code: 'LOGIN_FAILED' };
    await submit(result);
    answer = null;
    await submit(result);
    await submit(result);
    const ids = sent();
    expect(ids).toHaveLength(5);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[1]);
    expect(ids[3]).not.toBe(ids[2]);
    expect(ids[4]).not.toBe(ids[3]);
  });

  it('per opening of a form: a repeat after a success is the same request; a new opening or other values are not', async () => {
    const { result } = renderHook(() => useApiMutation('auth.login', { perOpening: true }), { wrapper });
    answer = null;
    await submit(result);
    await submit(result);
    await submit(result, 'other');
    act(() => result.current.reset());
    await submit(result, 'other');
    answer = { code: 'LOGIN_FAILED' };
    await submit(result, 'other');
    answer = null;
    await submit(result, 'other');
    const ids = sent();
    expect(ids).toHaveLength(6);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(ids[3]).not.toBe(ids[2]);
    expect(ids[4]).toBe(ids[3]);
    expect(ids[5]).not.toBe(ids[4]);
  });
});
