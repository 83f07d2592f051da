import { Space } from 'antd';
import { paths } from '../../../api/paths';
import type { PowerItem } from '../../../api/types';
import { ApiImage } from '../../../components/ApiImage';
import { FileLink } from '../../../components/FileLink';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';

/** 流程图: the chart of the version as the server draws it, with PNG and SVG downloads. */
export function FlowChart({ item }: { readonly item: PowerItem }) {
  const { m } = useLanguage();
  const no = item.version.versionNo;
  const file = `${item.code}-v${String(no)}`;
  return (
    <div className="ql-chart">
      <Space wrap className="ql-chart-downloads">
        <FileLink id="download-flow-png" href={paths.flowChart(item.id, no, 'png')} fileName={`${file}.png`}>
          {m.chart.downloadPng}
        </FileLink>
        <FileLink id="download-flow-svg" href={paths.flowChart(item.id, no, 'svg')} fileName={`${file}.svg`}>
          {m.chart.downloadSvg}
        </FileLink>
      </Space>
      <ApiImage
        className="ql-chart-image"
        src={paths.flowChart(item.id, no, 'svg')}
        alt={format(m.chart.alt, { name: item.name })}
        revision={item.version.updatedAt}
        fallback={(error, retry) => <ProblemAlert error={error} title={m.chart.loadFailed} onRetry={retry} />}
      />
    </div>
  );
}
