/** A form's life from opening to answer, the same for every form: it opens empty
 *  (or with the user's draft of it), each opening is one request (useApiMutation's
 *  `perOpening`), what is typed is kept as a draft per user on this desktop until it
 *  is submitted or discarded (a reload loses nothing), and leaving a changed form
 *  asks first: keep typing, keep the draft for later, or discard. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Space, type FormInstance } from 'antd';
import { invoke } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from './dates';

/** Quiet time before what was typed is saved as the draft. */
const DRAFT_SAVE_DELAY_MS = 500;

export type LeaveChoice = 'stay' | 'keep' | 'discard';

/** Forms with unsent changes on the current screen, asked before the route changes. */
const leaveGuards = new Set<() => Promise<boolean>>();

/** Whether every changed form on the screen agrees to be left (each asks its user). */
export async function mayLeaveScreen(): Promise<boolean> {
  for (const guard of [...leaveGuards]) if (!(await guard())) return false;
  return true;
}

export interface FormSessionOptions<V> {
  form: FormInstance<V>;
  /** A dialog's open state; a form on a page is always open. */
  open: boolean;
  /** The draft's name (per user, on this desktop); without one nothing is kept. */
  draft?: string;
  /** The form's mutation, whose request id is renewed at each opening. */
  mutation?: { reset: () => void };
  /** Fields never kept in a draft (passwords). */
  exclude?: readonly string[];
  /** Called with the draft's values once they are back in the form. */
  onRestored?: (values: Partial<V>) => void;
  /** The form sits on a page: leaving the page (the route) asks too. */
  guardsRoute?: boolean;
}

export interface FormSession {
  /** Something was typed since the form opened (or a draft came back). */
  dirty: boolean;
  /** When the restored draft was saved (null: no draft came back). */
  restoredAt: string | null;
  /** Pass to the Form's onValuesChange. */
  onValuesChange: () => void;
  /** Asks before a changed form is left; resolves true when it may be left. */
  confirmLeave: () => Promise<boolean>;
  /** After success: the draft goes, the form is empty again. */
  finish: () => void;
  /** After success on a page that keeps showing what was sent: the draft goes, the
   *  values stay. */
  settle: () => void;
  /** Throws the draft away and empties the form. */
  discard: () => void;
}

function draftValues(values: Record<string, unknown>, exclude: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '' && !exclude.includes(key)) out[key] = value;
  return out;
}

export function useFormSession<V extends object>(options: FormSessionOptions<V>): FormSession {
  const { form, open, draft, mutation, exclude = [], onRestored, guardsRoute } = options;
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [dirty, setDirty] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  const latest = useRef({ exclude, onRestored, mutation });
  latest.current = { exclude, onRestored, mutation };

  const cancelSave = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  // Each opening: empty fields (the Form's initial values), a new request, then the
  // draft if the user left one.
  useEffect(() => {
    if (!open) return;
    let stale = false;
    form.resetFields();
    latest.current.mutation?.reset();
    setDirty(false);
    setRestoredAt(null);
    if (draft)
      void invoke('drafts.get', { form: draft }).then(
        (saved) => {
          if (stale || !saved) return;
          form.setFieldsValue(saved.values as Parameters<typeof form.setFieldsValue>[0]);
          setDirty(true);
          setRestoredAt(saved.savedAt);
          latest.current.onRestored?.(saved.values as Partial<V>);
        },
        () => undefined,
      );
    return () => {
      stale = true;
      cancelSave();
    };
  }, [open, draft, form]);

  const saveDraft = useCallback(() => {
    if (!draft) return;
    cancelSave();
    timer.current = setTimeout(() => {
      timer.current = null;
      const values = draftValues(form.getFieldsValue(true) as Record<string, unknown>, latest.current.exclude);
      void (
        Object.keys(values).length === 0
          ? invoke('drafts.discard', { form: draft })
          : invoke('drafts.save', { form: draft, values })
      ).catch(() => undefined);
    }, DRAFT_SAVE_DELAY_MS);
  }, [draft, form]);

  const onValuesChange = useCallback(() => {
    setDirty(true);
    saveDraft();
  }, [saveDraft]);

  const settle = useCallback(() => {
    cancelSave();
    if (draft) void invoke('drafts.discard', { form: draft }).catch(() => undefined);
    setDirty(false);
    setRestoredAt(null);
  }, [draft]);

  const forget = useCallback(() => {
    settle();
    form.resetFields();
  }, [settle, form]);

  const ask = useCallback(
    () =>
      new Promise<LeaveChoice>((resolve) => {
        let answered = false;
        const answer = (choice: LeaveChoice) => {
          if (answered) return;
          answered = true;
          dialog.destroy();
          resolve(choice);
        };
        const dialog = modal.confirm({
          title: t('form.leave.title'),
          content: draft ? t('form.leave.withDraft') : t('form.leave.noDraft'),
          width: 460,
          onCancel: () => answer('stay'),
          footer: (
            <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
              <Button danger onClick={() => answer('discard')} data-testid="form-leave-discard">
                {t('form.leave.discard')}
              </Button>
              {draft && (
                <Button onClick={() => answer('keep')} data-testid="form-leave-keep">
                  {t('form.leave.keep')}
                </Button>
              )}
              <Button type="primary" onClick={() => answer('stay')} data-testid="form-leave-stay">
                {t('form.leave.stay')}
              </Button>
            </Space>
          ),
        });
      }),
    [modal, t, draft],
  );

  const confirmLeave = useCallback(async () => {
    if (!dirtyRef.current) return true;
    const choice = await ask();
    if (choice === 'stay') return false;
    if (choice === 'discard') forget();
    else {
      // Kept: what was typed last is saved now, not after the delay.
      if (timer.current && draft) {
        cancelSave();
        const values = draftValues(form.getFieldsValue(true) as Record<string, unknown>, latest.current.exclude);
        void invoke('drafts.save', { form: draft, values }).catch(() => undefined);
      }
      setDirty(false);
    }
    return true;
  }, [ask, forget, draft, form]);

  useEffect(() => {
    if (!guardsRoute || !open) return;
    leaveGuards.add(confirmLeave);
    return () => void leaveGuards.delete(confirmLeave);
  }, [guardsRoute, open, confirmLeave]);

  return { dirty, restoredAt, onValuesChange, confirmLeave, finish: forget, settle, discard: forget };
}

/** The line above a form whose draft came back, with a way to throw it away. */
export function DraftNotice({ session }: { session: Pick<FormSession, 'restoredAt' | 'discard'> }) {
  const { t } = useI18n();
  if (!session.restoredAt) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="draft-restored"
      title={t('form.draft.restored', { at: formatDateTime(session.restoredAt) })}
      action={
        <Button size="small" onClick={session.discard} data-testid="draft-discard">
          {t('form.draft.discard')}
        </Button>
      }
    />
  );
}
