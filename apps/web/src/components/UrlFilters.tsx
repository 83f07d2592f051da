import { Button, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/** A list page's filters, kept in the URL (so a filtered list can be bookmarked and shared). */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  /** Sets or clears filters; any change goes back to the first page unless it names the page. */
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    if (changes['page']) next.set('page', changes['page']);
    setParams(next);
  };
  return {
    params,
    q: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    update,
    reset: () => setParams(new URLSearchParams()),
  };
}

interface SearchProps {
  readonly id: string;
  readonly placeholder: string;
  readonly searchText: string;
  readonly resetText: string;
  readonly width: number;
  /** The text searched for now (the URL's `q`). */
  readonly q: string;
  /** Whether any filter is set: shows 重置. */
  readonly filtered: boolean;
  readonly update: (changes: Record<string, string | undefined>) => void;
  readonly reset: () => void;
}

/** The free-text search of a filter bar (sent on Enter or the button), and 重置 once anything is filtered. */
export function FilterSearch({ id, placeholder, searchText, resetText, width, q, filtered, update, reset }: SearchProps) {
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  return (
    <>
      <Input.Search
        id={id}
        aria-label={placeholder}
        placeholder={placeholder}
        allowClear
        enterButton={searchText}
        style={{ width }}
        maxLength={100}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
      />
      {filtered && (
        <Button
          onClick={() => {
            setSearch('');
            reset();
          }}
        >
          {resetText}
        </Button>
      )}
    </>
  );
}
