import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setRequestLanguage } from "../api/client";
import { enUS } from "./en-US";
import { type MessageKey, type Messages, zhCN } from "./zh-CN";

export type Lang = "zh-CN" | "en";

const STORAGE_KEY = "rectify.lang";
const dictionaries: Record<Lang, Messages> = { "zh-CN": zhCN, en: enUS };

type Vars = Record<string, string | number>;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Translates a known key, filling `{name}` placeholders. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** Translates a key built at run time; returns `fallback` when the key is unknown. */
  tx: (key: string, fallback: string, vars?: Vars) => string;
}

function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === "en" || stored === "zh-CN") return stored;
  } catch {
    // storage may be unavailable (private mode); fall back to the default
  }
  return "zh-CN";
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initialLang();
    setRequestLanguage(first);
    return first;
  });

  const setLang = useCallback((next: Lang) => {
    setRequestLanguage(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // the choice then lasts only for this page
    }
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = lang === "en" ? "Rectify 整改通" : "整改通 Rectify";
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const lookup = dict as Record<string, string>;
    return {
      lang,
      setLang,
      t: (key, vars) => fill(dict[key] ?? zhCN[key] ?? key, vars),
      tx: (key, fallback, vars) => fill(lookup[key] ?? fallback, vars),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n must be used inside <I18nProvider>");
  return ctx;
}

export function useT(): I18n["t"] {
  return useI18n().t;
}
