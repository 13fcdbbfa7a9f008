// @vitest-environment jsdom
/** A form's request id: kept for a retry when no answer came, renewed after a
 *  success and after a refusal (which wrote nothing), so a corrected submission is
 *  not mistaken for a changed repeat (REQUEST_ID_REUSED). */
import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useApiMutation } from './hooks';

const sent: string[] = [];
let answer: { code: string } | null = null;

vi.mock('./client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./client')>();
  return {
    ...actual,
    invoke: async (_method: string, input: { requestId: string }) => {
      sent.push(input.requestId);
      if (answer) throw new actual.ApiError(answer.code, {});
      return { ok: true };
    },
  };
});

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

async function submit(m: { current: ReturnType<typeof useApiMutation<'auth.login'>> }, password = 'x'): Promise<void> {
  await act(async () => {
    await m.current.mutateAsync({ username: 'officer', password }).catch(() => undefined);
  });
}

describe('useApiMutation request ids', () => {
  beforeEach(() => {
    sent.length = 0;
  });

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
    expect(sent[0]).toBe(sent[1]);
    expect(sent[2]).toBe(sent[1]);
    expect(sent[3]).not.toBe(sent[2]);
    expect(sent[4]).not.toBe(sent[3]);
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
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).not.toBe(sent[1]);
    expect(sent[3]).not.toBe(sent[2]);
    expect(sent[4]).toBe(sent[3]);
    expect(sent[5]).not.toBe(sent[4]);
  });
});
