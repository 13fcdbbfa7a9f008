import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';
import { useI18n } from '../i18n/i18n';

/** The frame of the screens before login: product name, one card, language switch. */
export function CenteredCard({
  title,
  children,
  width = 420,
}: {
  title: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#eef2f7',
      }}
    >
      <div style={{ width }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Card title={title}>{children}</Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          {t('app.tagline')}
        </Typography.Paragraph>
      </div>
    </div>
  );
}
