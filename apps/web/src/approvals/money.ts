// Amounts of money as the approvals area shows them: yuan (元) with the ¥ sign, two decimals and
// thousands separators, the same in both languages.

const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/** ¥3,200,000.00; '' for no amount. */
export function formatYuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '';
  const text = YUAN.format(Math.abs(amount));
  return amount < 0 ? `-¥${text}` : `¥${text}`;
}

/** An InputNumber's display of yuan: 3,200,000.5 (no sign, grouping only). */
export function groupDigits(value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  const [int = '', frac] = String(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Back from the grouped display to what InputNumber parses. */
export function ungroupDigits(text: string | undefined): string {
  return (text ?? '').replace(/[,\s¥]/g, '');
}
