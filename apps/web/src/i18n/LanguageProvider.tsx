import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { LANG_STORAGE_KEY, type Lang, MESSAGES, type Messages, parseLang } from './messages';

interface LanguageContextValue {
  readonly lang: Lang;
  readonly m: Messages;
  readonly setLang: (lang: Lang) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

const PRIMARY = '#1f4e79';
const THEME: ThemeConfig = {
  token: { colorPrimary: PRIMARY, borderRadius: 6 },
  components: { Menu: { itemSelectedBg: '#e6eef6', itemSelectedColor: PRIMARY } },
};

function storedLang(): Lang {
  try {
    return parseLang(window.localStorage.getItem(LANG_STORAGE_KEY));
  } catch {
    return parseLang(null); // storage blocked (privacy settings): Chinese, not remembered
  }
}

/** Our texts and Ant Design's locale, Chinese first; the choice is remembered in localStorage. */
export function LanguageProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // not remembered; the switch still applies to this page
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    // Date pickers name months and weekdays through dayjs's locale, beside antd's own texts.
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  }, [lang]);

  const value = useMemo(() => ({ lang, m: MESSAGES[lang], setLang }), [lang, setLang]);
  return (
    <LanguageContext value={value}>
      <ConfigProvider locale={ANTD_LOCALES[lang]} button={{ autoInsertSpace: false }} theme={THEME}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LanguageContext>
  );
}

export function useLanguage(): LanguageContextValue {
  const ctx = useContext(LanguageContext);
  if (!ctx) throw new Error('useLanguage outside LanguageProvider');
  return ctx;
}

/** Sets document.title to "<page> · 清廉" in the current language. */
export function useDocumentTitle(page: string): void {
  const { m } = useLanguage();
  useEffect(() => {
    document.title = `${page} · ${m.app.name}`;
  }, [page, m.app.name]);
}
