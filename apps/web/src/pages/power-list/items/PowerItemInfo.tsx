import { Descriptions, type DescriptionsProps } from 'antd';
import type { PowerItem } from '../../../api/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';

/** Text as written, line breaks kept; — when not stated. */
function Text({ value }: { readonly value: string | null | undefined }) {
  const { m } = useLanguage();
  return value ? <span className="ql-pre">{value}</span> : <span className="ql-muted">{m.common.empty}</span>;
}

/** 基本信息: every field of the version, and who wrote it when. */
export function PowerItemInfo({ item }: { readonly item: PowerItem }) {
  const { m } = useLanguage();
  const p = m.powerItem;
  const v = item.version;
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: p.code, children: item.code },
    { key: 'name', label: p.name, children: item.name },
    { key: 'category', label: p.category, children: item.category },
    { key: 'unit', label: p.handlingUnit, children: item.handlingUnitName ? `${item.handlingUnitName}（${item.handlingUnitCode}）` : item.handlingUnitCode },
    {
      key: 'legalBasis',
      label: p.legalBasis,
      span: 'filled',
      children:
        item.legalBasis.length === 0 ? (
          <Text value={null} />
        ) : (
          <ul className="ql-lines">
            {item.legalBasis.map((b, i) => (
              <li key={i}>
                {b.title}
                {b.docNo ? `（${b.docNo}）` : ''}
              </li>
            ))}
          </ul>
        ),
    },
    { key: 'subject', label: p.subject, children: <Text value={item.subject} /> },
    { key: 'timeLimit', label: p.timeLimitDays, children: item.timeLimitDays === null ? <Text value={null} /> : format(m.common.days, { n: item.timeLimitDays }) },
    { key: 'conditions', label: p.conditions, span: 'filled', children: <Text value={item.conditions} /> },
    { key: 'procedure', label: p.procedure, span: 'filled', children: <Text value={item.procedure} /> },
    { key: 'responsibility', label: p.responsibility, span: 'filled', children: <Text value={item.responsibility} /> },
    { key: 'supervisionMode', label: p.supervisionMode, span: 'filled', children: <Text value={item.supervisionMode} /> },
    { key: 'author', label: m.version.author, children: v.authorName },
    { key: 'basedOn', label: m.version.basedOn, children: v.basedOnVersionNo === null ? <Text value={null} /> : format(m.version.label, { no: v.basedOnVersionNo }) },
    { key: 'createdAt', label: m.version.createdAt, children: dateTimeText(v.createdAt) },
    { key: 'updatedAt', label: m.version.updatedAt, children: dateTimeText(v.updatedAt) },
    { key: 'submittedAt', label: m.version.submittedAt, children: <Text value={dateTimeText(v.submittedAt)} /> },
    { key: 'publishedAt', label: m.version.publishedAt, children: <Text value={dateTimeText(v.publishedAt)} /> },
  ];
  return (
    <section aria-label={p.infoCaption}>
      <Descriptions id="power-item-info" bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
    </section>
  );
}
