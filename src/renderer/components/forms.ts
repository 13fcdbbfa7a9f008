/** Shows a main-process refusal: field errors on the form (as the same sentences the
 *  form's own rules give), the rest as a message. */
import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';
import { issueSentence, type IssueLike } from './zodRule';

interface Issue extends IssueLike {
  path: string;
}

export function applyApiError(
  error: ApiError,
  form: FormInstance | null,
  translate: (code: string, details?: Record<string, unknown>) => string,
  notify: (text: string) => void,
): void {
  const issues = (error.details.issues as Issue[] | undefined) ?? [];
  if (form && error.code === 'INPUT_INVALID' && issues.length > 0) {
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const known = new Set(Object.keys(values));
    const fieldIssues = issues.filter((i) => known.has(i.path.split('.')[0]!));
    form.setFields(
      fieldIssues.map((i) => ({
        name: i.path.split('.'),
        errors: [issueSentence(i, values[i.path.split('.')[0]!])],
      })),
    );
    if (fieldIssues.length === issues.length) return;
  }
  const field = error.details.field;
  if (form && typeof field === 'string' && field in (form.getFieldsValue(true) as object)) {
    form.setFields([{ name: field, errors: [translate(error.code, error.details)] }]);
    return;
  }
  notify(translate(error.code, error.details));
}
