/** Saving one section of the settings (security, lending, calendar, service …):
 *  the one way every settings screen sends it, says it is saved, and shows a
 *  refusal on the field it is about or else as a message. */
import { App, type FormInstance } from 'antd';
import { useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { applyApiError } from '../../components/forms';
import type { Api, ApiError } from '../../api/client';

export type Settings = Api['settings.get']['output'];
type Update = Api['settings.update']['input'];
export type SettingsSection = Update['section'];

export function useSaveSettings<S extends SettingsSection>(section: S, form: FormInstance | null, saved: MessageKey) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const mutation = useApiMutation('settings.update');
  return {
    pending: mutation.isPending,
    save: (value: Settings[S]) =>
      mutation.mutate({ section, value } as Update, {
        onSuccess: () => void message.success(t(saved)),
        onError: (e) => applyApiError(e as ApiError, form, error, (m) => void message.error(m)),
      }),
  };
}
