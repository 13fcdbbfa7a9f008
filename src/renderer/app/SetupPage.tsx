/** First run: create the company, its first branch and the administrator, or
 *  open the demo company. */
import { useState } from 'react';
import { App, Button, Divider, Form, Input, Progress, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useApiMutation, usePush } from '../api/hooks';
import type { SeedProgress } from '../../contract/topics';
import { CenteredCard } from '../components/CenteredCard';
import { zodRule } from '../components/zodRule';
import { applyApiError } from '../components/forms';
import { setupInput } from '../../contract/schemas/app';
import type { z } from 'zod';
import { NewPasswordField } from '../components/PasswordFields';

export function SetupPage() {
  const { t, error } = useI18n();
  const [form] = Form.useForm<z.input<typeof setupInput>>();
  const create = useApiMutation('setup.createOrganisation');
  const demo = useApiMutation('setup.createDemo');
  const { message } = App.useApp();
  const shape = setupInput.shape;
  const [progress, setProgress] = useState<SeedProgress | null>(null);
  usePush('seed.progress', setProgress);
  return (
    <CenteredCard title={t('setup.title')} width={520}>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(v, { onError: (e) => applyApiError(e, form, error, (m) => void message.error(m)) })
        }
      >
        <Form.Item name="organisationName" label={t('setup.organisation')} rules={[zodRule(shape.organisationName)]}>
          <Input autoFocus />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="branchCode"
            label={t('setup.branchCode')}
            rules={[zodRule(shape.branchCode)]}
            style={{ width: 140 }}
          >
            <Input placeholder="HQ" />
          </Form.Item>
          <Form.Item
            name="branchName"
            label={t('setup.branchName')}
            rules={[zodRule(shape.branchName)]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="adminUsername"
            label={t('setup.adminUsername')}
            rules={[zodRule(shape.adminUsername)]}
            style={{ flex: 1 }}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="adminDisplayName"
            label={t('setup.adminDisplayName')}
            rules={[zodRule(shape.adminDisplayName)]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
        </div>
        <NewPasswordField name="adminPassword" label={t('setup.adminPassword')} />
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          {t('setup.create')}
        </Button>
      </Form>
      <Divider plain>{t('setup.or')}</Divider>
      <Button
        block
        loading={demo.isPending}
        onClick={() => demo.mutate({}, { onError: (e) => void message.error(error(e.code, e.details)) })}
      >
        {t('setup.demo')}
      </Button>
      {demo.isPending && progress && (
        <div data-testid="demo-progress" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`setup.demoPhase.${progress.phase}` as 'setup.demoPhase.customers')}
          </Typography.Text>
          <Progress
            percent={progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0}
            size="small"
          />
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('setup.demoHint')}
      </Typography.Paragraph>
    </CenteredCard>
  );
}
