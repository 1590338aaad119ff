'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SpecialtyOption } from '@/lib/taxonomy/catalog';
import type { ComboboxProps } from './specialty-picker';

const MAX_SHOWN = 50;

/** The enhanced specialty picker: an ARIA 1.2 combobox that finds a specialty by any part of its name or code. */
export default function Combobox({ name, control, options, value, onChange, onBlur }: ComboboxProps) {
  const listId = useId();
  const selected = options.find((option) => option.code === value);
  const [query, setQuery] = useState(selected?.display ?? '');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  // A code chosen from outside (the registry panel's `Use these details`) shows its name.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (selected) setQuery(selected.display);
  }

  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (selected && query === selected.display) return options.slice(0, MAX_SHOWN);
    const phrase = words.join(' ');
    // Best matches first: the name starts with what was typed, then a word of it does, then anything else.
    const rank = (display: string) => {
      const name = display.toLowerCase();
      if (name.startsWith(phrase)) return 0;
      return name.split(/[\s,&(/-]+/).some((word) => word.startsWith(words[0] ?? '')) ? 1 : 2;
    };
    return options
      .filter((option) => {
        const haystack = `${option.display} ${option.grouping} ${option.code}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      })
      .map((option, index) => ({ option, index, rank: rank(option.display) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ option }) => option)
      .slice(0, MAX_SHOWN);
  }, [options, query, selected]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (option: SpecialtyOption) => {
    onChange(option.code);
    setQuery(option.display);
    setIsOpen(false);
  };
  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className="combobox">
      <input type="hidden" name={name} value={value} />
      <input
        {...control}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={isOpen && matches[active] ? optionId(active) : undefined}
        className="input--wide"
        value={query}
        placeholder="Start typing, for example family medicine"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setIsOpen(true);
          if (value) onChange('');
        }}
        onFocus={() => setIsOpen(false)}
        onBlur={() => {
          setIsOpen(false);
          onBlur?.();
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            if (!isOpen) setIsOpen(true);
            else setActive((index) => Math.min(index + 1, matches.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter' && isOpen && matches[active]) {
            event.preventDefault();
            choose(matches[active]);
          } else if (event.key === 'Escape') {
            setIsOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Specialties" ref={listRef} hidden={!isOpen} className="combobox__list">
        {matches.map((option, index) => (
          <li
            key={option.code}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
          >
            {option.display}
            <span className="combobox__meta"> · {option.grouping}</span>
          </li>
        ))}
        {matches.length === 0 && (
          <li role="option" aria-disabled="true" aria-selected="false">
            No specialty matches “{query}”
          </li>
        )}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {isOpen ? `${matches.length}${matches.length === MAX_SHOWN ? ' or more' : ''} specialties found` : ''}
      </p>
    </div>
  );
}
