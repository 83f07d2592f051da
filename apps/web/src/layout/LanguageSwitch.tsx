import { Segmented } from 'antd';
import { useLanguage } from '../i18n/LanguageProvider';
import type { Lang } from '../i18n/messages';

/** 中文 | English, shown in both the console header and the sign-in page. */
export function LanguageSwitch() {
  const { lang, m, setLang } = useLanguage();
  return (
    <Segmented<Lang>
      id="language-switch"
      aria-label={m.header.language}
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
        { value: 'en-US', label: <span lang="en">English</span> },
      ]}
    />
  );
}
