/** Bank-statement import (银行流水导入): the officer picks the bank's CSV of incoming
 *  transfers, sees every line's status (matched by memo or account, unmatched,
 *  duplicate, refused with the reason), names the loan of an unmatched line or
 *  accepts an overpayment, and imports the chosen lines with a progress bar
 *  (pushed as 'statements.progress') and a cancel; the result lists what was refused. */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { StopOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/zh-CN';
import { useApiMutation, usePush } from '../../../api/hooks';
import { invoke, type Api, type ApiError } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { FileDropper } from '../../../components/fileImport';
import { fileToBase64 } from '../../../components/base64';
import type { StatementProgress } from '../../../../contract/topics';

type Preview = Api['statements.preview']['output'];
type Line = Preview['lines'][number];
type Status = Line['status'];
type Result = Api['statements.import']['output'];

const STATUS_COLOR: Record<Status, string> = {
  matched: 'green',
  unmatched: 'orange',
  duplicate: 'default',
  invalid: 'red',
};
const STATUSES: Status[] = ['matched', 'unmatched', 'duplicate', 'invalid'];

/** A line can be imported as it stands, or once its overpayment is accepted. */
const importable = (l: Line, accepted: ReadonlySet<number>) =>
  l.status === 'matched' || (l.status === 'invalid' && l.overpayable && accepted.has(l.line));

export function StatementImportPage() {
  const { t, error, money } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [accepted, setAccepted] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<number[]>([]);
  const [progress, setProgress] = useState<StatementProgress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const fail = (e: ApiError) => void message.error(error(e.code, e.details));

  const check = useMutation<
    Preview,
    ApiError,
    { fileName: string; contentBase64: string; chosen: Record<number, string> }
  >({
    mutationFn: (input) =>
      invoke('statements.preview', {
        fileName: input.fileName,
        contentBase64: input.contentBase64,
        chosen: Object.entries(input.chosen)
          .filter(([, n]) => n.trim() !== '')
          .map(([line, loanNumber]) => ({ line: Number(line), loanNumber: loanNumber.trim() })),
      }),
    onSuccess: (p) => {
      setPreview(p);
      setSelected(p.lines.filter((l) => importable(l, accepted)).map((l) => l.line));
    },
    onError: fail,
  });
  const run = useApiMutation('statements.import');
  const cancel = useApiMutation('statements.cancel');
  usePush('statements.progress', setProgress);

  const pick = async (picked: File) => {
    const next = { fileName: picked.name, contentBase64: await fileToBase64(picked) };
    setFile(next);
    setChosen({});
    setAccepted(new Set());
    setResult(null);
    setProgress(null);
    setPreview(null);
    check.mutate({ ...next, chosen: {} });
  };
  const recheck = (nextChosen = chosen) => file && check.mutate({ ...file, chosen: nextChosen });

  const byLine = useMemo(() => new Map((preview?.lines ?? []).map((l) => [l.line, l])), [preview]);
  const selectedFen = selected.reduce((sum, n) => sum + (byLine.get(n)?.amountFen ?? 0), 0);
  const running = run.isPending;

  const start = () => {
    if (!file || !preview) return;
    setResult(null);
    setProgress({ done: 0, total: selected.length, imported: 0, duplicates: 0, refused: 0, status: 'running' });
    run.mutate(
      {
        fileName: file.fileName,
        contentBase64: file.contentBase64,
        lines: selected.map((line) => {
          const l = byLine.get(line)!;
          return {
            line,
            ...(l.matchedBy === 'officer' && l.loanId ? { loanId: l.loanId } : {}),
            ...(accepted.has(line) ? { acceptOverpayment: true } : {}),
          };
        }),
      },
      {
        onSuccess: (r) => {
          setResult(r);
          const vars = {
            imported: r.imported,
            amount: money(r.importedFen),
            duplicates: r.duplicates.length,
            refused: r.refused.length,
          };
          if (r.status === 'done') void message.success(t('statements.done', vars));
          else void message.warning(t('statements.cancelled', vars));
          recheck();
        },
        onError: (e) => {
          setProgress(null);
          fail(e);
        },
      },
    );
  };

  const percent = progress && progress.total > 0 ? Math.floor((progress.done * 100) / progress.total) : 0;
  const columns = [
    { title: t('statements.col.line'), dataIndex: 'line', width: 52 },
    {
      title: t('statements.col.status'),
      dataIndex: 'status',
      width: 88,
      render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{t(`statements.status.${s}` as MessageKey)}</Tag>,
    },
    {
      title: t('statements.col.valueDate'),
      dataIndex: 'valueDate',
      width: 96,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('statements.col.amount'),
      dataIndex: 'amountFen',
      width: 104,
      align: 'right' as const,
      render: (fen: number | null) => (fen === null ? '—' : money(fen)),
    },
    { title: t('statements.col.reference'), dataIndex: 'reference', width: 120, ellipsis: true },
    {
      title: t('statements.col.payer'),
      key: 'payer',
      width: 120,
      ellipsis: true,
      render: (_: unknown, l: Line) => (
        <span title={l.payerAccount}>
          {l.payerName || '—'}
          {l.payerAccount && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
              {l.payerAccount}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('statements.col.memo'), dataIndex: 'memo', width: 100, ellipsis: true },
    {
      title: t('statements.col.loan'),
      key: 'loan',
      width: 170,
      render: (_: unknown, l: Line) =>
        l.status === 'unmatched' || l.matchedBy === 'officer' ? (
          <Space.Compact size="small">
            <Input
              size="small"
              style={{ width: 96 }}
              placeholder={t('statements.pickLoan')}
              value={chosen[l.line] ?? l.loanNumber ?? ''}
              onChange={(e) => setChosen({ ...chosen, [l.line]: e.target.value })}
              onPressEnter={() => recheck()}
              data-testid={`statement-pick-${l.line}`}
            />
            <Button size="small" onClick={() => recheck()} loading={check.isPending}>
              {t('statements.pick')}
            </Button>
          </Space.Compact>
        ) : l.loanNumber ? (
          <Space direction="vertical" size={0}>
            <a href={`#/loans/${l.loanId}`}>{l.loanNumber}</a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.customerName} · {t(`statements.by.${l.matchedBy ?? 'memo'}` as MessageKey)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('statements.col.reason'),
      key: 'reason',
      render: (_: unknown, l: Line) =>
        l.error ? (
          <Space direction="vertical" size={2}>
            <Typography.Text type={l.status === 'invalid' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {error(l.error.code, l.error.details)}
            </Typography.Text>
            {l.overpayable && (
              <Checkbox
                checked={accepted.has(l.line)}
                onChange={(e) => {
                  const next = new Set(accepted);
                  if (e.target.checked) next.add(l.line);
                  else next.delete(l.line);
                  setAccepted(next);
                  setSelected(
                    e.target.checked ? [...new Set([...selected, l.line])] : selected.filter((n) => n !== l.line),
                  );
                }}
              >
                {t('statements.acceptOver')}
              </Checkbox>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('statements.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        {!preview && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('statements.intro')}
          </Typography.Paragraph>
        )}
        <div data-testid="statement-file">
          <FileDropper
            accept=".csv,text/csv"
            fileName={file?.fileName}
            prompt={t('statements.choose')}
            onFile={(f) => void pick(f)}
          />
        </div>
      </Card>
      {preview && (
        <Card size="small" data-testid="statement-preview">
          <Space size={32} wrap style={{ marginBottom: 12 }}>
            {STATUSES.map((s) => (
              <Statistic
                key={s}
                title={<Tag color={STATUS_COLOR[s]}>{t(`statements.status.${s}` as MessageKey)}</Tag>}
                value={preview.counts[s]}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {money(preview.totalsFen[s])}
                  </Typography.Text>
                }
                valueStyle={{ fontSize: 20 }}
                data-testid={`statement-count-${s}`}
              />
            ))}
          </Space>
          <Table<Line>
            size="small"
            rowKey="line"
            dataSource={preview.lines}
            columns={columns}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as number[]),
              getCheckboxProps: (l) => ({ disabled: running || !importable(l, accepted) }),
            }}
            data-testid="statement-lines"
          />
          <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginTop: 12, flexWrap: 'wrap' }}>
            <Typography.Text data-testid="statement-selected">
              {t('statements.selected', { n: selected.length, amount: money(selectedFen) })}
            </Typography.Text>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={selected.length === 0 || running}
              loading={running}
              onClick={start}
              data-testid="statement-import"
            >
              {t('statements.import')}
            </Button>
            {running && (
              <Button icon={<StopOutlined />} danger onClick={() => cancel.mutate({})} data-testid="statement-cancel">
                {t('statements.cancel')}
              </Button>
            )}
          </div>
          {progress && (
            <div style={{ marginTop: 12 }} data-testid="statement-progress">
              <Progress percent={percent} status={progress.status === 'cancelled' ? 'exception' : undefined} />
              <Typography.Text type="secondary">
                {t('statements.progress', {
                  done: progress.done,
                  total: progress.total,
                  imported: progress.imported,
                  duplicates: progress.duplicates,
                  refused: progress.refused,
                })}
              </Typography.Text>
            </div>
          )}
          {result && (
            <Alert
              style={{ marginTop: 12 }}
              type={result.status === 'done' && result.refused.length === 0 ? 'success' : 'warning'}
              showIcon
              data-testid="statement-result"
              message={t(result.status === 'done' ? 'statements.done' : 'statements.cancelled', {
                imported: result.imported,
                amount: money(result.importedFen),
                duplicates: result.duplicates.length,
                refused: result.refused.length,
              })}
              description={
                result.refused.length > 0 && (
                  <>
                    <Typography.Text strong>{t('statements.refusedTitle')}</Typography.Text>
                    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                      {result.refused.slice(0, 50).map((r) => (
                        <li key={r.line}>
                          {t('statements.col.line')} {r.line}: {error(r.code, r.details)}
                        </li>
                      ))}
                    </ul>
                  </>
                )
              }
            />
          )}
        </Card>
      )}
    </>
  );
}
