/** Verifying a payoff certificate someone presents (结清证明核验): the loan number,
 *  payoff date, amount repaid and code as printed; the main process checks the code
 *  against what the paper says and the books against the code, and every check is
 *  audited. A made-up or altered certificate is refused, as is one whose payoff
 *  was reversed since. */
import { App, Button, Card, Descriptions, Form, Input, Result } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Api, ApiError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { MoneyInput } from '../../components/MoneyInput';
import { isValidDate } from '../../../core/dates';

type Verdict = Api['prints.verifyCertificate']['output'];
interface Values {
  loanNumber: string;
  closedOn: string;
  repaidFen: number;
  code: string;
}

export function VerifyPage() {
  const { t, error, money } = useI18n();
  const { message } = App.useApp();
  const verify = useApiMutation('prints.verifyCertificate');
  const verdict: Verdict | undefined = verify.data;
  const submit = (v: Values) =>
    verify.mutate(
      { loanNumber: v.loanNumber.trim(), closedOn: v.closedOn.trim(), repaidFen: v.repaidFen, code: v.code.trim() },
      { onError: (e: ApiError) => void message.error(error(e.code, e.details)) },
    );
  return (
    <>
      <PageHeader title={t('documents.verify.title')} />
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Card size="small" style={{ width: 440 }} title={t('documents.verify.fromPaper')}>
          <Form<Values>
            layout="vertical"
            onFinish={submit}
            onValuesChange={() => verify.reset()}
            data-testid="verify-form"
          >
            <Form.Item
              name="loanNumber"
              label={t('documents.loanNumber')}
              rules={[{ required: true, message: t('error.REQUIRED') }]}
            >
              <Input style={{ fontFamily: 'monospace' }} data-testid="verify-loan" />
            </Form.Item>
            <Form.Item
              name="closedOn"
              label={t('documents.certificate.closedOn')}
              rules={[
                { required: true, message: t('error.REQUIRED') },
                {
                  validator: (_, v: string) =>
                    !v || isValidDate(v.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('error.DATE_INVALID'))),
                },
              ]}
            >
              <Input placeholder="YYYY-MM-DD" data-testid="verify-closed-on" />
            </Form.Item>
            <Form.Item
              name="repaidFen"
              label={t('documents.certificate.repaid')}
              rules={[{ required: true, message: t('error.REQUIRED') }]}
            >
              <MoneyInput style={{ width: '100%' }} data-testid="verify-repaid" />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('documents.certificate.code')}
              rules={[{ required: true, message: t('error.REQUIRED') }]}
            >
              <Input placeholder="XXXX-XXXX-XXXX-XXXX" style={{ fontFamily: 'monospace' }} data-testid="verify-code" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              data-testid="verify-submit"
            >
              {t('documents.verify.check')}
            </Button>
          </Form>
        </Card>
        {verdict && (
          <Card
            size="small"
            style={{ flex: 1, minWidth: 420 }}
            data-testid="verify-result"
            data-valid={verdict.valid ? 'yes' : 'no'}
          >
            <Result
              status={verdict.valid ? 'success' : 'error'}
              title={
                verdict.valid
                  ? t('documents.verify.valid')
                  : t(`documents.verify.reason.${verdict.reason}` as MessageKey)
              }
              subTitle={
                verdict.valid
                  ? t('documents.verify.validHint')
                  : t(`documents.verify.reasonHint.${verdict.reason}` as MessageKey)
              }
              style={{ padding: '16px 8px' }}
            />
            {verdict.record && (
              <Descriptions size="small" bordered column={1} title={t('documents.verify.record')}>
                <Descriptions.Item label={t('documents.loanNumber')}>{verdict.record.loanNumber}</Descriptions.Item>
                <Descriptions.Item label={t('documents.borrower')}>
                  {verdict.record.customerName}（{verdict.record.customerNumber}）
                </Descriptions.Item>
                <Descriptions.Item label={t('documents.principal')}>
                  {money(verdict.record.principalFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('documents.certificate.repaid')}>
                  {money(verdict.record.repaidFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('documents.certificate.closedOn')}>
                  {verdict.record.closedOn ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('documents.verify.status')}>
                  {t(`loans.status.${verdict.record.status}` as MessageKey)}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
