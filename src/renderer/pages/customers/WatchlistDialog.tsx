/** The watch list new customers are screened against (name and resident ID). */
import { App, Button, Form, Input, Modal, Table } from 'antd';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { addWatchlistInput } from '../../../contract/schemas/customers';

type Entry = Api['watchlist.list']['output'][number];

export function WatchlistDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const entries = useApi('watchlist.list', {}, { enabled: open });
  const add = useApiMutation('watchlist.add');
  const [form] = Form.useForm();
  const rule = (schema: Parameters<typeof zodRule>[0]) => zodRule(schema);
  const shape = addWatchlistInput.shape;

  return (
    <Modal
      open={open}
      title={t('customers.watchlist.title')}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="inline"
        size="small"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(values: Api['watchlist.add']['input']) =>
          add.mutate(
            { ...values, residentId: values.residentId || null },
            {
              onSuccess: (r) => {
                form.resetFields();
                void message.success(
                  r.customersOnFile.length > 0
                    ? t('customers.watchlist.addedOnFile', {
                        numbers: r.customersOnFile.map((c) => c.number).join(', '),
                      })
                    : t('customers.watchlist.added'),
                );
              },
              onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
            },
          )
        }
      >
        <Form.Item name="name" rules={[rule(shape.name)]}>
          <Input placeholder={t('customers.field.name')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="residentId" rules={[rule(shape.residentId)]}>
          <Input placeholder={t('customers.watchlist.residentIdOptional')} style={{ width: 190 }} maxLength={18} />
        </Form.Item>
        <Form.Item name="reason" rules={[rule(shape.reason)]}>
          <Input placeholder={t('customers.watchlist.reason')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="source" rules={[rule(shape.source)]}>
          <Input placeholder={t('customers.watchlist.source')} style={{ width: 110 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('customers.watchlist.add')}
        </Button>
      </Form>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={entries.isPending}
        dataSource={entries.data}
        pagination={{ pageSize: 20, size: 'small' }}
        columns={[
          { title: t('customers.field.name'), dataIndex: 'name', width: 140 },
          {
            title: t('customers.field.residentId'),
            dataIndex: 'residentIdMasked',
            width: 200,
            render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
          },
          { title: t('customers.watchlist.reason'), dataIndex: 'reason' },
          { title: t('customers.watchlist.source'), dataIndex: 'source', width: 110 },
        ]}
      />
    </Modal>
  );
}
