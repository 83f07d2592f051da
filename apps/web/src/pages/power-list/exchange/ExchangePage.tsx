import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, type TableColumnsType, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, type ImportProblem } from '../../../api/client';
import { paths } from '../../../api/paths';
import type { ImportResult } from '../../../api/types';
import { FileLink } from '../../../components/FileLink';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';

const XLSX = '.xlsx';

type Outcome =
  | { readonly kind: 'done'; readonly result: ImportResult }
  | { readonly kind: 'rejected'; readonly problems: readonly ImportProblem[] }
  | { readonly kind: 'failed'; readonly error: unknown };

/** 导入导出: templates, the export of what is published, and importing a filled-in workbook. */
export default function ExchangePage() {
  const { m } = useLanguage();
  const x = m.exchange;
  const { api, can } = useSession();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The gateway asks power-item:write for an import (it may hold responsibility lists too).
  const mayImport = can('power-item:write');

  const upload = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'done', result: await api.upload<ImportResult>(paths.import, 'file', file, file.name) });
    } catch (error) {
      // A rejected workbook answers 400 with every problem at its sheet, row and column.
      const problems = error instanceof ApiError ? error.problem.problems : undefined;
      setOutcome(problems && problems.length > 0 ? { kind: 'rejected', problems } : { kind: 'failed', error });
    } finally {
      setBusy(false);
    }
  };

  const problemColumns: TableColumnsType<ImportProblem & { key: number }> = [
    { title: x.sheet, dataIndex: 'sheet', key: 'sheet', width: 160 },
    { title: x.row, dataIndex: 'row', key: 'row', width: 80, align: 'right' },
    { title: x.column, dataIndex: 'column', key: 'column', width: 160, render: (c: string | null) => c ?? <span className="ql-muted">{m.common.empty}</span> },
    { title: x.problem, dataIndex: 'message', key: 'message' },
  ];

  return (
    <>
      <PageHeading title={x.title}>{x.description}</PageHeading>
      <div className="ql-cards">
        <Card title={<h2 className="ql-h2">{x.templates}</h2>}>
          <Typography.Paragraph type="secondary">{x.templatesHint}</Typography.Paragraph>
          <Space wrap>
            <FileLink id="template-power-items" href={paths.template('power-items')} fileName="power-items.xlsx">
              {x.itemTemplate}
            </FileLink>
            <FileLink id="template-responsibility-lists" href={paths.template('responsibility-lists')} fileName="responsibility-lists.xlsx">
              {x.listTemplate}
            </FileLink>
          </Space>
        </Card>
        <Card title={<h2 className="ql-h2">{x.export}</h2>}>
          <Typography.Paragraph type="secondary">{x.exportHint}</Typography.Paragraph>
          <FileLink id="export" href={paths.export} fileName="export.xlsx">
            {x.exportButton}
          </FileLink>
        </Card>
      </div>
      {mayImport && (
        <Card className="ql-import" title={<h2 className="ql-h2">{x.import}</h2>}>
          <Typography.Paragraph type="secondary" id="import-hint">
            {x.importHint}
          </Typography.Paragraph>
          <Upload
            accept={XLSX}
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              if (!file.name.toLowerCase().endsWith(XLSX)) {
                setOutcome({ kind: 'failed', error: new ApiError({ title: x.wrongType, status: 400 }) });
                return Upload.LIST_IGNORE;
              }
              void upload(file);
              return false; // sent by `upload`, through the API client (CSRF and tenant headers)
            }}
          >
            <Button id="import-file" type="primary" icon={<UploadOutlined />} loading={busy} aria-describedby="import-hint">
              {x.chooseFile}
            </Button>
          </Upload>
          {outcome?.kind === 'done' && (
            <section className="ql-import-result" aria-labelledby="import-done">
              <Alert id="import-done" type="success" showIcon title={x.done} />
              <Descriptions
                id="import-result"
                bordered
                size="small"
                column={{ xs: 1, md: 4 }}
                items={[
                  { key: 'orgUnits', label: x.orgUnits, children: format(x.count, { n: outcome.result.orgUnits }) },
                  { key: 'posts', label: x.posts, children: format(x.count, { n: outcome.result.posts }) },
                  { key: 'powerItems', label: x.powerItems, children: format(x.count, { n: outcome.result.powerItems }) },
                  { key: 'lists', label: x.responsibilityLists, children: format(x.count, { n: outcome.result.responsibilityLists }) },
                ]}
              />
            </section>
          )}
          {outcome?.kind === 'rejected' && (
            <section className="ql-import-result">
              <Alert id="import-rejected" role="alert" type="error" showIcon title={x.rejected} />
              <Table<ImportProblem & { key: number }>
                id="import-problems"
                rowKey="key"
                size="small"
                columns={problemColumns}
                dataSource={outcome.problems.map((p, key) => ({ ...p, key }))}
                pagination={false}
                caption={x.problemsCaption}
              />
            </section>
          )}
          {outcome?.kind === 'failed' && <ProblemAlert id="import-error" error={outcome.error} title={x.import} />}
        </Card>
      )}
    </>
  );
}
