import { Button } from 'antd';
import { useI18n } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Button
      type="link"
      data-testid="language-switch"
      onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('lang.switch')}
    </Button>
  );
}
