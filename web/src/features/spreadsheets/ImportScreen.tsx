import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Segmented, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { SHEET_KINDS, type SheetKind } from '#shared/spreadsheets/columns';
import type { Problem, Sheet } from '#shared/spreadsheets/rows';
import type { RowResult, Progress as SendProgress } from '#shared/spreadsheets/send';
import { NotFoundResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { saveFile } from '../../lib/spreadsheets';
import { parseInWorker, transportOf } from './api';

type Stage =
  | { step: 'pick' }
  | { step: 'reading'; file: string }
  | { step: 'checked'; file: string; sheet: Sheet }
  | { step: 'sending'; file: string; sheet: Sheet; progress: SendProgress }
  | { step: 'done'; file: string; sheet: Sheet; results: RowResult[] }
  | { step: 'failed'; file: string; message: string };

/**
 * Import from Excel: pick a file → it is read and checked in a worker → the problems are listed
 * by row and column → the valid rows are sent, exactly once each, with a progress bar → the
 * result (each row's outcome) downloads as .xlsx.
 */
export default function ImportScreen() {
  const { kind } = useParams();
  if (!SHEET_KINDS.includes(kind as SheetKind)) return <NotFoundResult />;
  return <Importer key={kind} kind={kind as SheetKind} />;
}

function Importer({ kind }: { kind: SheetKind }) {
  const { t, locale, apiMessage } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const kindLabel = t(`sheets.kind.${kind}`);

  const read = async (file: File) => {
    setStage({ step: 'reading', file: file.name });
    try {
      const sheet = await parseInWorker(kind, file);
      if (sheet.problems.length === 0) {
        const { resolveChambers } = await import('#shared/spreadsheets/send');
        await resolveChambers(sheet, transportOf(api));
      }
      setStage({ step: 'checked', file: file.name, sheet });
    } catch (error) {
      setStage({ step: 'failed', file: file.name, message: (error as Error).message });
    }
  };
  const send = async (file: string, sheet: Sheet) => {
    const { sendSheet } = await import('#shared/spreadsheets/send');
    const results = await sendSheet(sheet, transportOf(api), {
      onProgress: (progress) => setStage({ step: 'sending', file, sheet, progress }),
    });
    setStage({ step: 'done', file, sheet, results });
  };
  const template = async () => {
    const { writeTemplate } = await import('#shared/spreadsheets/workbooks');
    saveFile(`${kind}-template.xlsx`, await writeTemplate(kind));
  };
  const downloadResult = async (file: string, sheet: Sheet, results: RowResult[]) => {
    const { writeResult } = await import('#shared/spreadsheets/workbooks');
    const name = `${file.replace(/\.(xlsx|csv)$/i, '')}.result.xlsx`;
    saveFile(name, await writeResult(sheet.headers, sheet.rows, results));
  };

  const sheet = 'sheet' in stage ? stage.sheet : undefined;
  const problems: Problem[] = sheet
    ? [...sheet.problems, ...sheet.rows.flatMap((r) => r.problems)]
    : [];
  const valid = sheet ? sheet.rows.filter((r) => r.body).length : 0;
  const count = (n: number) => formatCount(n, locale);

  return (
    <>
      <PageHeader
        title={t('sheets.importTitle')}
        subtitle={t('sheets.importSubtitle')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={template}>
            {t('sheets.template', { kind: kindLabel })}
          </Button>
        }
      />
      <Card size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Segmented
            aria-label={t('sheets.kindLabel')}
            value={kind}
            onChange={(value) => navigate(`/import/${value}`)}
            options={SHEET_KINDS.map((k) => ({ value: k, label: t(`sheets.kind.${k}`) }))}
          />
          {(stage.step === 'pick' || stage.step === 'checked' || stage.step === 'failed') && (
            <Upload.Dragger
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(file) => {
                void read(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{t('sheets.pick', { kind: kindLabel })}</p>
              <Typography.Text type="secondary">{t('sheets.pickHint')}</Typography.Text>
            </Upload.Dragger>
          )}
          {stage.step === 'reading' && (
            <Alert type="info" showIcon title={t('sheets.reading', { file: stage.file })} />
          )}
          {stage.step === 'failed' && (
            <Alert
              type="error"
              showIcon
              title={t('sheets.unreadable', { file: stage.file })}
              description={stage.message}
            />
          )}
          {sheet && stage.step === 'checked' && (
            <Alert
              type={problems.length ? 'warning' : 'success'}
              showIcon
              title={t('sheets.checked', {
                file: stage.file,
                rows: count(sheet.rows.length),
                valid: count(valid),
                bad: count(sheet.rows.length - valid),
              })}
              action={
                <Button
                  type="primary"
                  disabled={valid === 0}
                  onClick={() => void send(stage.file, sheet)}
                >
                  {t('sheets.send', { count: count(valid) })}
                </Button>
              }
            />
          )}
          {stage.step === 'sending' && (
            <div>
              <Progress
                percent={Math.floor(
                  (stage.progress.done / Math.max(stage.progress.total, 1)) * 100,
                )}
                aria-label={t('sheets.progressLabel')}
              />
              <Typography.Text role="status">
                {t('sheets.progress', {
                  done: count(stage.progress.done),
                  total: count(stage.progress.total),
                  rate: stage.progress.rowsPerSecond.toFixed(1),
                  left:
                    stage.progress.secondsLeft === null
                      ? '—'
                      : String(Math.ceil(stage.progress.secondsLeft)),
                })}
              </Typography.Text>
            </div>
          )}
          {stage.step === 'done' && (
            <Alert
              type={
                stage.results.some((r) => r.outcome === 'refused' || r.outcome === 'unsent')
                  ? 'warning'
                  : 'success'
              }
              showIcon
              role="status"
              title={t('sheets.done', {
                rows: count(stage.results.length),
                created: count(stage.results.filter((r) => r.outcome === 'created').length),
                already: count(stage.results.filter((r) => r.outcome === 'already').length),
                refused: count(
                  stage.results.filter((r) => r.outcome === 'refused' || r.outcome === 'unsent')
                    .length,
                ),
              })}
              action={
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<DownloadOutlined />}
                    onClick={() => void downloadResult(stage.file, stage.sheet, stage.results)}
                  >
                    {t('sheets.result')}
                  </Button>
                  <Button onClick={() => setStage({ step: 'pick' })}>{t('sheets.again')}</Button>
                </Space>
              }
            />
          )}
        </Space>
      </Card>
      {problems.length > 0 && stage.step !== 'sending' && (
        <Card size="small" title={t('sheets.problems', { count: count(problems.length) })}>
          <Table<Problem>
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
            dataSource={problems}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { key: 'row', title: t('sheets.row'), dataIndex: 'row', width: 72 },
              { key: 'column', title: t('sheets.column'), dataIndex: 'column' },
              { key: 'value', title: t('sheets.value'), dataIndex: 'value' },
              {
                key: 'message',
                title: t('sheets.message'),
                render: (_, p) => apiMessage(p.message),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
