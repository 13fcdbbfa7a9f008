/** Hooks of the application and review pages: the session, and the debounced live
 *  preview (pre-checks, score, schedule, annualized rate) of terms being typed. */
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useDebounced } from '../../components/useDebounced';
import { submitApplicationInput } from '../../../contract/schemas/applications';

export type PreviewInput = Api['applications.preview']['input'];
export type Preview = Api['applications.preview']['output'];

export const PREVIEW_DEBOUNCE_MS = 300;
const previewTerms = submitApplicationInput.omit({ purpose: true });

/** Terms the preview can run on, or null while any is missing or malformed. */
export function previewable(values: Partial<PreviewInput>): PreviewInput | null {
  const parsed = previewTerms.safeParse(values);
  return parsed.success
    ? {
        customerId: parsed.data.customerId,
        productId: parsed.data.productId,
        amountFen: parsed.data.amountFen,
        periods: parsed.data.periods,
        rateAnnual: parsed.data.rateAnnual,
      }
    : null;
}

/** The main process's assessment of terms as they are typed (debounced). The
 *  previous result stays on screen while the next one loads. */
export function useLivePreview(values: Partial<PreviewInput>) {
  const input = previewable(values);
  const key = useDebounced(input ? JSON.stringify(input) : null, PREVIEW_DEBOUNCE_MS);
  const settled = key ? (JSON.parse(key) as PreviewInput) : null;
  const query = useApi('applications.preview', settled ?? ({} as PreviewInput), {
    enabled: settled !== null,
    placeholderData: (previous) => previous,
  });
  return { ...query, settled: settled !== null, pending: input !== null && JSON.stringify(input) !== key };
}

export function useSession() {
  const status = useApi('app.status', {});
  return { session: status.data?.session ?? null, businessDate: status.data?.businessDate ?? null };
}
